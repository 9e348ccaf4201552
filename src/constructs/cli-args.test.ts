import { envRef, envRefName, fraction, shellQuote, toArgv, toShellCommand } from './cli-args';
import { LaunchStyle, renderLaunch } from './launch';

describe('cli args', () => {
  it('names env references', () => {
    expect(envRef('X_Y')).toBe('${X_Y}');
    expect(envRefName('${X_Y}')).toBe('X_Y');
    expect(envRefName('a${X}')).toBeUndefined();
  });

  it('quotes shell words only when needed', () => {
    expect(shellQuote('Qwen/Qwen3-32B')).toBe('Qwen/Qwen3-32B');
    expect(shellQuote('${MODEL_NAME}')).toBe('"${MODEL_NAME}"');
    expect(shellQuote('{"a":1}')).toBe(`'{"a":1}'`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('tcp://*:20080')).toBe(`'tcp://*:20080'`);
  });

  it('renders env references as Kubernetes expansions in exec form', () => {
    expect(toArgv([['--a', '1'], ['--b'], ['--c', envRef('N')]])).toEqual(['--a', '1', '--b', '--c', '$(N)']);
  });

  it('renders one option per continued line', () => {
    expect(toShellCommand(['vllm', 'serve', envRef('M')], [['--port', '8000'], ['--x']])).toBe('vllm serve "${M}" \\\n  --port 8000 \\\n  --x');
  });

  it('formats fractions with two decimals', () => {
    expect(fraction(0.9)).toBe('0.90');
    expect(fraction(0.85)).toBe('0.85');
  });
});

describe('renderLaunch', () => {
  it('exec form keeps program and args apart', () => {
    expect(renderLaunch(['python3', '-m', 'dynamo.vllm'], [['--model', 'm']])).toEqual({ command: ['python3', '-m', 'dynamo.vllm'], args: ['--model', 'm'] });
  });

  it('shell form writes a strict bash script that execs the server', () => {
    const r = renderLaunch(['python3', '-m', 'dynamo.vllm'], [['--model', 'm']], { style: LaunchStyle.SHELL, lockMemory: true });
    expect(r.command).toEqual(['/bin/bash', '-lc']);
    expect(r.args).toEqual(['set -euo pipefail\nulimit -l unlimited\nexec python3 -m dynamo.vllm \\\n  --model m\n']);
  });

  it('shell form without memory locking has no ulimit line', () => {
    const r = renderLaunch(['x'], [], { style: LaunchStyle.SHELL });
    expect(r.args[0]).toBe('set -euo pipefail\nexec x\n');
  });
});
