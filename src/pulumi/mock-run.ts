/**
 * Test support: runs a Pulumi program under `pulumi.runtime.setMocks` (no CLI, no cluster) and records what it
 * registered, with the options each resource was given (captured by a stack transformation, since mocks only
 * see inputs).
 */
import * as pulumi from '@pulumi/pulumi';
import { PULUMI_PROJECT } from './stack-config';

/** One resource as the engine would have received it. */
export interface MockRegistration {
  /** Type token, e.g. `kubernetes:batch/v1:Job`. */
  readonly type: string;
  /** Logical name. */
  readonly name: string;
  /** Inputs, as serialized for the engine (secrets keep their secret wrapper). */
  readonly inputs: Record<string, unknown>;
  /** Names of the resources in its `dependsOn`. */
  readonly dependsOn: readonly string[];
  /** Its resource options. */
  readonly options: pulumi.ResourceOptions;
}

/** What a mocked run produced. */
export interface MockRun<T> {
  /** What the program function returned. */
  readonly result: T;
  /** The stack outputs, resolved (secrets unwrapped: check them for leaks). */
  readonly outputs: Record<string, unknown>;
  /** Every resource but the stack, in registration order. */
  readonly registrations: readonly MockRegistration[];
}

/** Options of {@link runUnderMocks}. */
export interface MockRunOptions {
  /** Stack name. */
  readonly stack: string;
  /**
   * Config values by full key, as strings (as the CLI passes them).
   * @default {}
   */
  readonly config?: Readonly<Record<string, string>>;
  /**
   * Keys of `config` that are secrets.
   * @default []
   */
  readonly secretKeys?: readonly string[];
}

/**
 * Runs `program` as a Pulumi stack under mocks; `program` returns the stack outputs object and anything else the
 * caller wants back (`outputsOf` picks the outputs). Waits for every registration before returning, and
 * disconnects, so runs can follow each other in one process.
 */
export async function runUnderMocks<T>(
  options: MockRunOptions,
  program: () => T,
  outputsOf: (result: T) => Record<string, unknown> = (r) => r as unknown as Record<string, unknown>,
): Promise<MockRun<T>> {
  const inputs = new Map<string, Record<string, unknown>>();
  await pulumi.runtime.setMocks({
    newResource: (args) => {
      inputs.set(`${args.type}::${args.name}`, args.inputs as Record<string, unknown>);
      return { id: `${args.name}-id`, state: args.inputs as Record<string, unknown> };
    },
    call: (args) => args.inputs as Record<string, unknown>,
  }, PULUMI_PROJECT, options.stack, false);
  pulumi.runtime.setAllConfig({ ...options.config }, [...(options.secretKeys ?? [])]);
  const seen: { type: string; name: string; resource: pulumi.Resource; options: pulumi.ResourceOptions }[] = [];
  let result: T | undefined;
  // A program error is rethrown after the run: thrown inside the stack's init, it would also surface as an
  // unhandled rejection of the stack's outputs.
  let failure: { readonly error: unknown } | undefined;
  try {
    const outputs = await pulumi.runtime.runInPulumiStack(async () => {
      pulumi.runtime.registerStackTransformation((args) => {
        seen.push({ type: args.type, name: args.name, resource: args.resource, options: args.opts });
        return undefined;
      });
      try {
        result = program();
        return outputsOf(result);
      } catch (error) {
        failure = { error };
        return {};
      }
    });
    if (failure) throw failure.error;
    await Promise.all(seen.map((s) => new Promise<void>((resolve) => (s.resource as pulumi.CustomResource).urn.apply(() => resolve()))));
    const names = new Map(seen.map((s) => [s.resource, s.name]));
    const registrations = seen.map((s): MockRegistration => {
      const deps = s.options.dependsOn;
      const list = deps === undefined ? [] : Array.isArray(deps) ? deps : [deps];
      return {
        type: s.type,
        name: s.name,
        inputs: inputs.get(`${s.type}::${s.name}`) ?? {},
        dependsOn: list.map((d) => names.get(d as pulumi.Resource) ?? '<not registered in this run>'),
        options: s.options,
      };
    });
    return { result: result as T, outputs: (outputs ?? {}) as Record<string, unknown>, registrations };
  } finally {
    await pulumi.runtime.disconnect();
  }
}
