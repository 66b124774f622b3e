// A stand-in for the batch worker, speaking its protocol, whose behaviour each
// file's name scripts: `slow-*` takes 600 ms to write after rendering, `abort-*`
// aborts the process while rendering, `hang-*` blocks its thread for ever while
// rendering, `dies-writing-*` exits while writing, anything else renders and
// writes at once.
// Each result tells, in an info diagnostic, how many files were being written when its file came.
let writing = 0
process.on('disconnect', () => process.exit(0))
process.on('message', (message) => {
  if (message.type === 'setup') process.send({ type: 'ready' })
  if (message.type !== 'job') return
  const { id, relative } = message.job
  const meanwhile = writing
  const result = () => {
    writing--
    process.send({
      type: 'result',
      result: {
        id,
        status: 'rendered',
        outputs: [{ path: `${relative}.pdf`, bytes: process.pid }],
        diagnostics: [{ severity: 'info', reason: `writing ${meanwhile}` }],
        ms: 1,
      },
    })
  }
  if (relative.startsWith('abort-')) process.abort()
  if (relative.startsWith('hang-')) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)
  process.send({ type: 'rendered', id })
  writing++
  if (relative.startsWith('dies-writing-')) setTimeout(() => process.exit(3), 50)
  else if (relative.startsWith('slow-')) setTimeout(result, 600)
  else result()
})
