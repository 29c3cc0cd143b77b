import { Phrases } from './words.js'

/**
 * The words the built-in assistant reads a request by. Each list is of phrases matched by stem
 * ("recommendations" is "recommend"), so a list names each idea once, in any form. Whatever a
 * message says beyond these words, English stop words and filler is what it names: that is what
 * the catalog is searched for.
 */

/**
 * Asking for something, so every word left names what is wanted ("I need a memory server"). A bare
 * "search" is a thing wanted ("web search"); "search for" asks.
 */
export const asking = new Phrases(`
  find, search for, search the, searching for, look for, looking, need, want, require, would like,
  like to, is there, are there, any, available, exist, alternative, option, get me, do you have,
  have you got, recommend, suggest, advise, advice, propose, should i, best, good, pick, choose,
  help with, would help
`)

/** Setting something up: the answer says what installing it takes and whether it is installed. */
export const settingUp = new Phrases('connect, set up, setup, configure, install, integrate, hook up, plug in, enable, start, use, access, add')

/** A question of how, answered like setting up when it names something ("how do I query postgres"). */
export const asksHow = new Phrases('how')

/**
 * Asking to be shown or told: a request, but one that product words alone answer ("show the
 * status", "which servers are running").
 */
export const showing = new Phrases('show, list, give, tell, display, which, help, what can you do, what do you do')

export const recommending = new Phrases('recommend, suggest, advise, advice, propose, should i, what would help')

export const helping = new Phrases('help, what can you do, what do you do, capabilities, commands, getting started, get started, guide, manual, instructions, how does this work, how do you work')

export const greeting = new Phrases('hi, hello, hey, hiya, howdy, greetings, good morning, good afternoon, good evening, yo, thanks, thank you, cheers, bye')

/** Words that say how something is asked, never what is asked for. */
export const filler = new Phrases(`
  mcp, server, tool, something, anything, everything, nothing, thing, stuff, one, please, pls, plz, mama, bear, know,
  would, could, can, will, ok, okay, yes, no, sure, cool, great, nice, awesome, project, app,
  application, development, developing, developer, build, building, work, working, job, team, company,
  new, kind, type, sort, really, just, also, maybe, lot, bit, manage, handle, interact, talk, deal,
  control, check, do, does, doing, done, go, going, got, im, ive, don, doesn, today, morning, afternoon,
  evening, daily, explain, describe, mean, what, whats, wonder, possible, able, try, trying, currently,
  right, someone, somebody, mine, myself, ask, question, idea, thought, system, marketplace, catalog, catalogue
`)

/** What the product itself answers. The first topic found wins; "named" ones' words can also be wanted things ("a memory server"). */
export const topics = [
  { kind: 'briefing', named: false, phrases: new Phrases('briefing, digest, recap, rundown, daily summary, daily update, daily report, today summary, today update, today news, what new, what happened') },
  // "installed" and "install" share a stem: these are matched as written.
  { kind: 'installed', named: false, phrases: new Phrases('installed, running, stopped, crashed, my servers, my mcp servers, do i have, servers i have', { exact: true }) },
  { kind: 'status', named: true, phrases: new Phrases('status, health, healthy, cpu, memory, uptime, load, how is the system, how is the server, how is everything, how everything, how are things, how things, server doing, system doing') },
  { kind: 'tools', named: false, phrases: new Phrases('what tools, which tools, your tools, list tools, list the tools, available tools, tools do you, tools can you, tools you have, tools you use') }
] as const

/** Kinds of project, which have recommendations of their own rather than a search. */
export const projectKinds = [
  { type: 'web_development', phrases: new Phrases('web, website, webapp, frontend, front end, backend, back end, full stack, fullstack, api, site') },
  { type: 'data_science', phrases: new Phrases('data, science, scientist, machine learning, ml, notebook, jupyter') },
  { type: 'devops', phrases: new Phrases('devops, infrastructure, infra, ops, sre, sysadmin, deploy, deployment, operations') },
  { type: 'content_management', phrases: new Phrases('content, cms, blog, blogging, publishing, editorial') }
] as const
