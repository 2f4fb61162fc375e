/**
 * Builds a fused run inside WebGPU error scopes: a pipeline that does not compile or a buffer that does not fit is
 * reported to the scope asynchronously (otherwise only to the console), so it is awaited here and thrown, with what
 * the constructor itself threw, for the caller to fall back to the ops path.
 */
export async function checkedCreate<T extends { dispose(): void }>(
  device: GPUDevice,
  what: string,
  make: () => T,
): Promise<T> {
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let made: T | null = null;
  let thrown: unknown = null;
  try {
    made = make();
  } catch (error) {
    thrown = error;
  }
  const invalid = await device.popErrorScope();
  const memory = await device.popErrorScope();
  const error = invalid ?? memory;
  if (thrown) throw thrown;
  if (error || !made) {
    made?.dispose();
    throw new Error(`${what} did not start on this GPU: ${error?.message ?? 'no run was made'}`);
  }
  return made;
}
