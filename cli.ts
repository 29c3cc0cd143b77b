#!/usr/bin/env node
import { runCli } from './cli/program.js'

process.exitCode = await runCli(process.argv, { env: process.env, stdout: process.stdout, stderr: process.stderr })
