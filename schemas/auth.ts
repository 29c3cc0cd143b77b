import { Type, type Static } from '@sinclair/typebox'

export const Scope = Type.Union([Type.Literal('read'), Type.Literal('write'), Type.Literal('admin')], { $id: 'Scope', title: 'Scope' })
export type Scope = Static<typeof Scope>
export const allScopes: Scope[] = ['read', 'write', 'admin']

export const UserName = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._@-]+$' })

export const Me = Type.Object({
  user_id: Type.String(),
  user: Type.String(),
  token_id: Type.String(),
  scopes: Type.Array(Type.Ref(Scope))
}, { title: 'Me' })

export const TokenInfo = Type.Object({
  id: Type.String(),
  user: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: 'the first characters of the token, to recognise it' }),
  scopes: Type.Array(Type.Ref(Scope)),
  created_at: Type.String(),
  last_used_at: Type.Union([Type.String(), Type.Null()]),
  revoked_at: Type.Union([Type.String(), Type.Null()])
}, { $id: 'TokenInfo', title: 'TokenInfo' })
export type TokenInfo = Static<typeof TokenInfo>

export const CreateTokenBody = Type.Object({
  user: UserName,
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  scopes: Type.Array(Type.Ref(Scope), { minItems: 1, uniqueItems: true, default: ['read'] })
}, { additionalProperties: false })

export const CreatedToken = Type.Object({
  token: Type.String({ description: 'shown once; only its hash is stored' }),
  info: Type.Ref(TokenInfo)
}, { title: 'CreatedToken' })
