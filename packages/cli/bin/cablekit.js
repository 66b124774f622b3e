#!/usr/bin/env node
// `batch` and `manifest` run from a lighter entry that never loads the
// renderers: a batch's parent process only dispatches work to its workers.
const light = process.argv[2] === 'batch' || process.argv[2] === 'manifest'
const { main } = await import(light ? '../dist/batch-main.js' : '../dist/index.js')

process.exitCode = await main(process.argv.slice(2))
