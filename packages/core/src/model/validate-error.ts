import { VFile } from 'vfile'
import { report } from '../diagnostics.js'
import type { Cable } from './schema.js'
import { validate } from './validate.js'
import type { ValidateOptions, Validation, ValidationMessage } from './validate.js'

/**
 * The one error the writers throw (or reject with) for input they cannot
 * render: a cable that fails {@link validate}, or an option naming something
 * that does not exist. `path` names the first field at fault; `messages`
 * holds every diagnostic, positioned when the cable came from a parser.
 */
export class CableValidationError extends Error {
  /** The JSON path of the first error: `body[3].children[0]`, `to[1]`, `options.theme`. */
  readonly path: string
  /** Every diagnostic of the validation, errors and warnings. */
  readonly messages: readonly ValidationMessage[]
  /** The file that carries the messages. */
  readonly file: VFile

  /** @param validation A failed validation: its first error gives the message and `path`. */
  constructor(validation: Pick<Validation, 'messages' | 'file'>) {
    const errors = validation.messages.filter((message) => message.fatal === true)
    const first = errors[0] ?? validation.messages[0]
    const where = first?.line ? `${validation.file.path ? `${validation.file.path}:` : ''}${first.line}:${first.column}: ` : ''
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : ''
    super(`cablekit: invalid cable: ${where}${first?.reason ?? 'no diagnostic was given'}${more}`)
    this.name = 'CableValidationError'
    this.path = first?.path ?? 'cable'
    this.messages = validation.messages
    this.file = validation.file
  }

  /**
   * An error about one field that is not part of the cable, such as a
   * writer's option: `CableValidationError.forField('options.theme', 'no theme is named "x"', THEME_NAMES)`.
   *
   * @param path The field, as a JSON path.
   * @param reason What is wrong with it, as a sentence.
   * @param expected The values that would have been accepted.
   */
  static forField(path: string, reason: string, expected?: readonly string[]): CableValidationError {
    const file = new VFile({ path: 'options' })
    const message = report(
      file,
      'error',
      'invalid-option',
      `\`${path}\`: ${reason}`,
      undefined,
      expected ? { expected: [...expected] } : {},
    ) as ValidationMessage
    message.path = path
    return new CableValidationError({ messages: [message], file })
  }
}

/**
 * Validate a cable and throw a {@link CableValidationError} when it has an
 * error: what every writer calls first, so bad input fails with the field's
 * name instead of deep inside layout.
 *
 * @param cable The value to check.
 * @param options Where the diagnostics go.
 * @returns Nothing; afterwards TypeScript knows `cable` is a {@link Cable}.
 * @example
 * assertValidCable(cable) // throws CableValidationError: `body[0].children`: a `paragraph` node needs a `children` array
 */
export function assertValidCable(cable: unknown, options: ValidateOptions = {}): asserts cable is Cable {
  const validation = validate(cable, options)
  if (!validation.ok) throw new CableValidationError(validation)
}
