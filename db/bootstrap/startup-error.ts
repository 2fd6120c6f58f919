/** A start that cannot go on, said in one sentence that names what to change (no stack trace). */
export class StartupError extends Error {}
