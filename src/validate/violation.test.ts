import { formatViolation, type Violation } from './violation';

const base: Violation = {
  severity: 'error',
  file: 'dist/h100/qwen36/vllm-serve.k8s.yaml',
  kind: 'Deployment',
  name: 'qwen36-vllm-serve',
  path: '.spec.replicas',
  message: 'must be integer',
  rule: 'schema',
};

describe('formatViolation', () => {
  it('prints object problems as <file> <kind>/<name> <path>: <message>', () => {
    expect(formatViolation(base)).toBe('dist/h100/qwen36/vllm-serve.k8s.yaml Deployment/qwen36-vllm-serve .spec.replicas: must be integer');
  });

  it('marks warnings', () => {
    expect(formatViolation({ ...base, severity: 'warning', message: 'no tag' })).toBe(
      'dist/h100/qwen36/vllm-serve.k8s.yaml Deployment/qwen36-vllm-serve .spec.replicas: no tag (warning)',
    );
  });

  it('prints text problems as file:line:col: message', () => {
    expect(formatViolation({ ...base, kind: '', name: '', path: '', line: 3, column: 7, message: 'YAML syntax error: x' })).toBe(
      'dist/h100/qwen36/vllm-serve.k8s.yaml:3:7: YAML syntax error: x',
    );
  });
});
