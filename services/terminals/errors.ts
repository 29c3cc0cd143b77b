import createError from '@fastify/error'

export const TerminalNotFoundError = createError<[string]>('TERMINAL_NOT_FOUND', 'No open terminal with id %s', 404)
export const TerminalLimitError = createError<[number]>(
  'TERMINAL_LIMIT',
  'Too many terminals: the maximum of %d (PODPLAY_MAX_TERMINALS) are open; close one with DELETE /api/terminals/{id} and try again',
  429
)
export const TerminalReadOnlyError = createError(
  'TERMINAL_READ_ONLY',
  'This client is attached read-only: typing into a terminal needs the write scope',
  403
)
export const ShellNotAllowedError = createError<[string, string]>('SHELL_NOT_ALLOWED', 'Shell %s is not allowed; use one of: %s', 400)
export const TerminalDirectoryError = createError<[string]>('TERMINAL_CWD_INVALID', 'cwd %s is not an existing directory in the workspace', 400)
export const TerminalInputRequiredError = createError('TERMINAL_INPUT_REQUIRED', 'terminal_input needs data or command', 400)
export const InvalidTerminalCursorError = createError('INVALID_CURSOR', 'cursor is not one this list returned', 400)
