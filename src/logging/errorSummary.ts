/** Error class and code only: messages from drivers can echo parameters (phone numbers, text). */
export function errorSummary(error: unknown): { type: string; code?: string } {
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    return { type: error.name, ...(code ? { code } : {}) };
  }
  return { type: typeof error };
}
