import { useState } from 'preact/hooks'
import { fieldKind, initialValue, withKey, type JsonSchema } from './json-schema'

interface FieldProps {
  id: string
  name: string
  schema: JsonSchema
  value: unknown
  required: boolean
  onChange: (value: unknown) => void
}

const idSafe = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, '_')

function Label ({ id, name, schema, required }: Pick<FieldProps, 'id' | 'name' | 'schema' | 'required'>) {
  return <label for={id}>{schema.title ?? name}{required && <span class='required' aria-hidden='true'>*</span>}</label>
}

function Description ({ id, schema }: { id: string, schema: JsonSchema }) {
  return schema.description ? <p class='hint' id={`${id}-hint`}>{schema.description}</p> : null
}

/** A raw JSON editor: for schemas the fields cannot show, and for the whole value on request. */
export function JsonField ({ id, name, schema, value, required, onChange }: FieldProps) {
  const [text, setText] = useState(() => value === undefined ? '' : JSON.stringify(value, null, 2))
  const [problem, setProblem] = useState<string>()
  const edit = (next: string) => {
    setText(next)
    if (next.trim() === '') {
      setProblem(undefined)
      onChange(undefined)
      return
    }
    try {
      onChange(JSON.parse(next))
      setProblem(undefined)
    } catch (error) {
      setProblem(`Not valid JSON: ${(error as Error).message}`)
    }
  }
  return (
    <div class='field'>
      <Label id={id} name={name} schema={schema} required={required} />
      <textarea
        id={id} value={text} required={required} aria-invalid={problem ? 'true' : undefined} aria-describedby={`${id}-hint`}
        onInput={(event) => edit(event.currentTarget.value)} spellcheck={false}
      />
      <Description id={id} schema={{ ...schema, description: problem ?? schema.description ?? 'JSON' }} />
    </div>
  )
}

function ArrayField ({ id, name, schema, value, required, onChange }: FieldProps) {
  const items = Array.isArray(value) ? value : []
  const itemSchema = schema.items ?? {}
  const set = (index: number, item: unknown) => onChange(items.map((old, position) => position === index ? item : old))
  return (
    <fieldset class='field'>
      <legend>{schema.title ?? name}{required && <span class='required' aria-hidden='true'>*</span>}</legend>
      <Description id={id} schema={schema} />
      {items.map((item, index) => (
        <div class='array-item' key={index}>
          <Field id={`${id}-${index}`} name={`${schema.title ?? name} ${index + 1}`} schema={itemSchema} value={item} required onChange={(next) => set(index, next)} />
          <button type='button' class='secondary' onClick={() => onChange(items.filter((_, position) => position !== index))}>
            Remove {schema.title ?? name} {index + 1}
          </button>
        </div>
      ))}
      <button type='button' class='secondary' onClick={() => onChange([...items, initialValue(itemSchema) ?? (fieldKind(itemSchema) === 'object' ? {} : undefined)])}>
        Add to {schema.title ?? name}
      </button>
    </fieldset>
  )
}

/** The fields of an object schema; `legend` frames a nested one. */
export function ObjectFields ({ id, schema, value, onChange, legend }: { id: string, schema: JsonSchema, value: unknown, onChange: (value: Record<string, unknown>) => void, legend?: string }) {
  const required = new Set(schema.required ?? [])
  const object = typeof value === 'object' && value !== null ? value as Record<string, unknown> : {}
  const fields = Object.entries(schema.properties ?? {}).map(([name, property]) => (
    <Field
      key={name} id={`${id}-${idSafe(name)}`} name={name} schema={property} value={object[name]} required={required.has(name)}
      onChange={(next) => onChange(withKey(object, name, next))}
    />
  ))
  if (!legend) return <>{fields}</>
  return <fieldset class='field'><legend>{legend}</legend><Description id={id} schema={schema} />{fields}</fieldset>
}

/** One field for one schema, chosen by its type. */
export function Field (props: FieldProps) {
  const { id, name, schema, value, required, onChange } = props
  const describedBy = schema.description ? `${id}-hint` : undefined
  switch (fieldKind(schema)) {
    case 'object':
      return <ObjectFields id={id} schema={schema} value={value} onChange={onChange} legend={`${schema.title ?? name}${required ? ' *' : ''}`} />
    case 'array':
      return <ArrayField {...props} />
    case 'json':
      return <JsonField {...props} />
    case 'boolean':
      return (
        <div class='field'>
          <label class='inline' for={id}>
            <input id={id} type='checkbox' checked={value === true} aria-describedby={describedBy} onChange={(event) => onChange(event.currentTarget.checked)} />
            {schema.title ?? name}
          </label>
          <Description id={id} schema={schema} />
        </div>
      )
    case 'enum':
      return (
        <div class='field'>
          <Label id={id} name={name} schema={schema} required={required} />
          <select
            id={id} required={required} aria-describedby={describedBy} value={value === undefined ? '' : JSON.stringify(value)}
            onChange={(event) => onChange(event.currentTarget.value === '' ? undefined : JSON.parse(event.currentTarget.value))}
          >
            {!required || value === undefined ? <option value=''>(none)</option> : null}
            {(schema.enum ?? []).map((option) => <option key={String(option)} value={JSON.stringify(option)}>{String(option)}</option>)}
          </select>
          <Description id={id} schema={schema} />
        </div>
      )
    case 'number':
    case 'integer':
      return (
        <div class='field'>
          <Label id={id} name={name} schema={schema} required={required} />
          <input
            id={id} type='number' step={fieldKind(schema) === 'integer' ? 1 : 'any'} min={schema.minimum} max={schema.maximum} required={required}
            aria-describedby={describedBy} value={typeof value === 'number' ? value : ''}
            onInput={(event) => { const number = event.currentTarget.valueAsNumber; onChange(Number.isNaN(number) ? undefined : number) }}
          />
          <Description id={id} schema={schema} />
        </div>
      )
    default:
      return (
        <div class='field'>
          <Label id={id} name={name} schema={schema} required={required} />
          <input
            id={id} type={fieldKind(schema) === 'secret' ? 'password' : 'text'} autoComplete={fieldKind(schema) === 'secret' ? 'new-password' : 'off'}
            required={required} aria-describedby={describedBy} placeholder={schema.placeholder} value={typeof value === 'string' ? value : ''}
            onInput={(event) => onChange(event.currentTarget.value === '' ? undefined : event.currentTarget.value)}
          />
          <Description id={id} schema={schema} />
        </div>
      )
  }
}
