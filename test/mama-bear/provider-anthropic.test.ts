import t from 'tap'
import { providerSuite } from './provider-suite.js'

await providerSuite(t, 'anthropic')
