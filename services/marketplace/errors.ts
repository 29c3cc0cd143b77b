import { StartupError } from '../../plugins/startup-error.js'
import createError from '@fastify/error'

export const ServerNotFoundError = createError<[string]>('MCP_SERVER_NOT_FOUND', 'No MCP server is named %s', 404)
export const NotInstalledError = createError<[string]>('MCP_NOT_INSTALLED', 'You have not installed the MCP server %s', 404)
export const AlreadyInstalledError = createError<[string]>('MCP_ALREADY_INSTALLED', 'You have already installed the MCP server %s; uninstall it first to change its values', 409)
export const NotInstallableError = createError<[string]>('MCP_NOT_INSTALLABLE', '%s', 422)
export const InstallValuesError = createError<[string]>('MCP_INSTALL_VALUES', '%s', 400)
export const InvalidCursorError = createError('INVALID_CURSOR', 'The cursor is not one this search produced; start again without a cursor', 400)
export const CatalogFormatError = createError<[string]>('MCP_CATALOG_FORMAT', '%s', 400)

/** A catalog file that cannot be loaded at start; the message names the entry and the field. */
export class CatalogLoadError extends StartupError {
  constructor (file: string, problem: string) {
    super(`Catalog ${file} cannot be loaded: ${problem}`)
    this.name = 'CatalogLoadError'
  }
}
