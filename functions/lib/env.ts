/** A required environment variable; a missing one stops the cold start with its name. */
export const requireEnv = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
};
