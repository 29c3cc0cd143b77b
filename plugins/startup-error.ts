/**
 * A problem with the environment that stops the start (an unreadable catalog, an unreachable
 * Redis): its message says everything, so the process prints it without a stack trace.
 */
export class StartupError extends Error {}
