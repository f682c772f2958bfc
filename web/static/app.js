// Progressive enhancement only: every page works without this file. It
// marks the page as able to run govuk-frontend's components and starts them.
// (An external module, not inline script: the pages' Content-Security-Policy
// allows scripts from the server itself and nothing else.)
import { initAll } from '/assets/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
