// The web pages in a real browser: a council officer and a provider, each in
// their own browser context, take a referral to a placement and back;
// personal details reach the provider only after award. Also a validation
// failure with its error summary, keyboard-only steps, the security headers
// and cookie attributes, and axe-core (WCAG 2.2 A and AA rules) on every
// page with 0 violations. A screenshot of each main page is saved.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import { outputDir, startServer } from './server.mjs'

const webDir = process.env.CAREMARKET_WEB_DIR
const { chromium } = await import(join(webDir, 'node_modules/playwright-core/index.mjs'))
const axeSource = readFileSync(join(webDir, 'node_modules/axe-core/axe.min.js'), 'utf8')
const screenshots = join(outputDir, 'screenshots')
mkdirSync(screenshots, { recursive: true })

const password = 'demo-password-2026'
const officerEmail = 'officer@birmingham.example'
const providerEmail = 'manager@provider.example'
const person = { name: 'Edna Marigold Testperson', nhs: '9434765919', postcode: 'B44 9AA' }

let server
let browser
const pagesChecked = []
const problems = []  // console errors, CSP violations, page errors

function watch (page, who) {
  page.setDefaultTimeout(20000)
  // Pages answered with 4xx on purpose log "Failed to load resource"; anything else is a problem.
  page.on('console', m => {
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) {
      problems.push(`${who} console: ${m.text()}`)
    }
  })
  page.on('pageerror', e => problems.push(`${who} page error: ${e.message}`))
}

// axe-core, run in the page (page.evaluate is not subject to the page's
// CSP, so the pages themselves keep their strict policy).
async function checkAccessibility (page, name) {
  await page.evaluate(axeSource)
  const result = await page.evaluate(() => globalThis.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }
  }))
  const violations = result.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join('; ')})`)
  assert.deepEqual(violations, [], `axe-core found violations on ${name}`)
  assert.ok(result.passes.length > 10, `axe-core ran its rules on ${name}`)
  pagesChecked.push(name)
}

async function shoot (page, name) {
  await checkAccessibility(page, name)
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true, timeout: 30000 })
}

async function tabTo (page, selector, limit = 25) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate(s => document.activeElement?.matches(s), selector)) return
  }
  assert.fail(`Tab never reached ${selector}`)
}

// Signs in with the keyboard only: Tab to each field, type, Enter.
async function signIn (page, email) {
  await page.goto(server.url + '/')
  assert.match(page.url(), /\/sign-in\?next=%2F$/)
  await tabTo(page, '#email')
  await page.keyboard.type(email)
  await page.keyboard.press('Tab')
  await page.keyboard.type(password)
  await page.keyboard.press('Enter')
  await page.waitForURL(server.url + '/')
  await assert.doesNotReject(page.getByRole('heading', { name: 'What do you want to do?' }).waitFor())
}

async function fillDate (page, id, date) {
  await page.fill(`#${id}-day`, String(date.getUTCDate()))
  await page.fill(`#${id}-month`, String(date.getUTCMonth() + 1))
  await page.fill(`#${id}-year`, String(date.getUTCFullYear()))
}

const inDays = n => new Date(Date.now() + n * 86400000)

describe('caremarket in a browser', () => {
  let officer, provider, referralUrl, referralId

  before(async () => {
    server = await startServer()
    browser = await chromium.launch({ executablePath: process.env.CAREMARKET_CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] })
    officer = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage()
    provider = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage()
    watch(officer, 'officer')
    watch(provider, 'provider')
  })

  after(async () => {
    await browser?.close()
    const stopped = await server?.stop()
    assert.equal(stopped?.code, 0, 'the server stops cleanly')
  })

  test('the sign-in page sends the security headers and a strict sign-in cookie', async () => {
    const res = await fetch(server.url + '/sign-in')
    assert.equal(res.status, 200)
    const csp = res.headers.get('content-security-policy')
    assert.match(csp, /default-src 'self'/)
    assert.match(csp, /frame-ancestors 'none'/)
    assert.doesNotMatch(csp, /unsafe-inline/)
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff')
    assert.equal(res.headers.get('x-frame-options'), 'DENY')
    assert.equal(res.headers.get('referrer-policy'), 'same-origin')
    assert.match(res.headers.get('set-cookie'), /^caremarket_signin=[0-9a-f]{64}; Max-Age=3600; Path=\/; HttpOnly; SameSite=Strict$/)
    const page = await res.text()
    assert.doesNotMatch(page, /<script(?![^>]*\ssrc=)/, 'no inline script')
    assert.doesNotMatch(page, /\sstyle=/, 'no inline style')
    const css = await fetch(server.url + '/assets/app.css')
    assert.equal(css.status, 200)
    assert.match(css.headers.get('content-type'), /^text\/css/)
    assert.match(await css.text(), /govuk-button/, 'govuk-frontend is compiled into the stylesheet')
  })

  test('a wrong password keeps the email and shows the error summary', async () => {
    await officer.goto(server.url + '/sign-in')
    await shoot(officer, '01-sign-in')
    await officer.getByLabel('Email address').fill(officerEmail)
    await officer.getByLabel('Password').fill('not-the-password')
    await officer.getByRole('button', { name: 'Sign in' }).click()
    await officer.locator('.govuk-error-summary').waitFor()
    assert.match(await officer.title(), /^Error: Sign in/)
    assert.equal(await officer.getByLabel('Email address').inputValue(), officerEmail)
    assert.match(await officer.locator('.govuk-error-summary').innerText(), /email address or password is not right/)
    await checkAccessibility(officer, 'sign-in-error')
  })

  test('both sign in with the keyboard; the session cookie is HttpOnly and SameSite=Lax', async () => {
    await signIn(officer, officerEmail)
    await shoot(officer, '02-officer-home')
    await signIn(provider, providerEmail)
    await shoot(provider, '03-provider-home')
    const cookies = await officer.context().cookies()
    const session = cookies.find(c => c.name === 'caremarket_session')
    assert.ok(session, 'a session cookie is set')
    assert.equal(session.httpOnly, true)
    assert.equal(session.sameSite, 'Lax')
    assert.equal(session.secure, false, 'not Secure over plain http (serve --tls-proxy marks it Secure)')
    // Navigation follows the role.
    const officerNav = await officer.locator('.govuk-service-navigation__list').innerText()
    assert.match(officerNav, /New referral/)
    assert.match(officerNav, /Market register/)
    assert.doesNotMatch(officerNav, /Services and vacancies/)
    const providerNav = await provider.locator('.govuk-service-navigation__list').innerText()
    assert.match(providerNav, /Services and vacancies/)
    assert.doesNotMatch(providerNav, /New referral|Market register/)
    // A provider asking for the officer's pages is refused.
    const refused = await provider.goto(server.url + '/register')
    assert.equal(refused.status(), 403)
  })

  test('a form posted without its CSRF token is refused and changes nothing', async () => {
    const cookie = (await officer.context().cookies()).find(c => c.name === 'caremarket_session')
    const res = await fetch(server.url + '/referrals/new', {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `caremarket_session=${cookie.value}` },
      body: 'for=adult&person.name=Forged&csrf_token=' + 'a'.repeat(64)
    })
    assert.equal(res.status, 403)
    await officer.goto(server.url + '/referrals')
    assert.match(await officer.locator('main').innerText(), /no referrals yet/, 'no referral was recorded')
  })

  test('a child referral with missing fields shows the error summary and keeps what was typed', async () => {
    await officer.goto(server.url + '/referrals/new')
    await shoot(officer, '04-new-referral-choose')
    await officer.getByLabel('A child').check()
    await officer.getByRole('button', { name: 'Continue' }).click()
    await officer.getByRole('heading', { name: "A child's placement referral" }).waitFor()
    await shoot(officer, '05-new-referral-child')
    await officer.getByLabel('Full name').fill('Jayden Quillon Testchild')
    await officer.getByLabel('Home postcode').fill('B44 9AA')
    await officer.getByRole('button', { name: 'Save and see who would be asked' }).click()
    const summary = officer.locator('.govuk-error-summary')
    await summary.waitFor()
    assert.match(await officer.title(), /^Error: /)
    const text = await summary.innerText()
    assert.match(text, /There is a problem/)
    assert.match(text, /Enter the person's date of birth/)
    assert.match(text, /Enter the person's age/)
    assert.match(text, /Child ID number/i)
    assert.equal(await officer.getByLabel('Full name').inputValue(), 'Jayden Quillon Testchild')
    assert.equal(await officer.getByLabel('Home postcode').inputValue(), 'B44 9AA')
    // Inline messages beside the fields, and the summary's links lead to them.
    assert.ok(await officer.locator('#age-error').isVisible())
    await summary.getByRole('link', { name: "Enter the person's age" }).click()
    assert.equal(await officer.evaluate(() => document.activeElement.id), 'age')
    await shoot(officer, '06-new-referral-errors')

    // Completed, the same form records a draft in the Placements Data Standard.
    await fillDate(officer, 'person-date_of_birth', new Date(Date.UTC(2011, 8, 23)))
    await officer.getByLabel('Age', { exact: true }).fill('14')
    await officer.getByLabel('Child ID number').fill('73194682')
    const choose = (field, value) => officer.check(`input[name="pds.${field}"][value="${value}"]`)
    await choose('PlacementRequirements.communicationNeeds', 'N')
    await choose('PlacementRequirements.specificCommunicationRequirements', 'None')
    await choose('PlacementRequirements.homeAdaptation', 'false')
    await choose('PlacementRequirements.culturalNeeds', 'Not required')
    await choose('PlacementRequirements.livingCompanions', 'No preference')
    await choose('PlacementRequirements.pets', 'Yes - can')
    await choose('PlacementRecommendation.fosterCareSuitability', 'Unsuitable')
    await choose('PlacementRecommendation.residentialCareSuitability', 'Preferred')
    await choose('PlacementRecommendation.supportedAccommodationSuitability', 'Unsuitable')
    for (const risk of await officer.locator('input[name^="pds.Risks."][value="No known risk"]').all()) await risk.check()
    await officer.getByRole('button', { name: 'Save and see who would be asked' }).click()
    await officer.waitForURL(/\/referrals\/\d+\?done=created$/)
    const draft = await officer.locator('main').innerText()
    assert.match(draft, /A child \(Placements Data Standard\)/)
    assert.match(draft, /Childrens home/)
    assert.match(draft, /Who would be asked/)
  })

  test('the officer records an urgent adult referral and sends it', async () => {
    await officer.goto(server.url + '/referrals/new?for=adult')
    await officer.getByLabel('Full name').fill(person.name)
    await fillDate(officer, 'person-date_of_birth', new Date(Date.UTC(1966, 5, 15)))
    await officer.getByLabel('NHS number (optional)').fill(person.nhs)
    await officer.getByLabel('Home postcode').fill(person.postcode)
    await officer.getByLabel('Age', { exact: true }).fill('60')
    await officer.getByLabel('Care home residential').check()
    await officer.getByLabel('Sensory impairment').check()
    await officer.getByLabel(/^Needed today/).check()
    await officer.getByRole('button', { name: 'Save and see who would be asked' }).click()
    await officer.waitForLoadState()
    if (await officer.locator('.govuk-error-summary').count()) {
      assert.fail('the referral was refused: ' + await officer.locator('.govuk-error-summary').innerText())
    }
    await officer.waitForURL(/\/referrals\/\d+\?done=created$/)
    referralUrl = officer.url().replace(/\?.*$/, '')
    referralId = referralUrl.match(/(\d+)$/)[1]
    const main = await officer.locator('main').innerText()
    assert.match(main, /Who would be asked/)
    assert.match(main, /Quality 60%, price 20%, distance 20%, fit 0%/, 'the weighting used is shown')
    assert.match(main, /Services not asked, and why/)
    await shoot(officer, '07-referral-draft-preview')
    const send = officer.getByRole('button', { name: /^Send to these \d+ services$/ })
    // Sent with the keyboard: focus the button and press Enter.
    await send.focus()
    await officer.keyboard.press('Enter')
    await officer.waitForURL(/\?done=sent$/)
    assert.match(await officer.locator('main').innerText(), /Services asked \(\d+\)/)
    await shoot(officer, '08-referral-sent')
  })

  test('the provider sees the referral without the person, and makes an offer', async () => {
    await provider.goto(server.url + '/inbox')
    await shoot(provider, '09-provider-inbox')
    await provider.getByRole('link', { name: `Referral ${referralId}` }).click()
    const main = await provider.locator('main').innerText()
    assert.match(main, /B44/, 'the postcode district is shown')
    for (const secret of [person.name, person.nhs, person.postcode, '1966-06-15']) {
      assert.ok(!(await provider.content()).includes(secret), `the provider must not see ${secret} before award`)
    }
    await shoot(provider, '10-provider-referral-redacted')
    const form = provider.locator('form', { has: provider.getByRole('button', { name: /^Make an offer for / }) }).first()
    const serviceId = await form.locator('input[name=service_id]').inputValue()
    await form.getByLabel('Weekly price in pounds').fill('1,150.00')
    await fillDate(provider, `start-${serviceId}`, inDays(3))
    await form.getByLabel('Conditions (optional)').fill('A settling-in review after two weeks')
    await form.getByRole('button', { name: /^Make an offer for / }).click()
    await provider.waitForURL(/\?done=offered$/)
    assert.match(await provider.locator('main').innerText(), /Your offers[\s\S]*£1,150\.00[\s\S]*Open/)
    await shoot(provider, '11-provider-offer-made')
  })

  test('the officer sees the offers ranked with their scores and awards', async () => {
    await officer.goto(referralUrl)
    const main = await officer.locator('main').innerText()
    assert.match(main, /Offers, ranked/)
    assert.match(main, /Weights used: Quality 60%/)
    assert.match(main, /£1,150\.00/)
    await shoot(officer, '12-referral-offers-ranked')
    await officer.getByRole('button', { name: 'Award the placement' }).click()
    await officer.waitForURL(/\?done=awarded$/)
    assert.match(await officer.locator('main').innerText(), /Placement[\s\S]*Weekly cost[\s\S]*£1,150\.00/)
    await shoot(officer, '13-referral-awarded')
  })

  test('after award the provider sees who the person is', async () => {
    await provider.goto(`${server.url}/inbox/${referralId}`)
    const main = await provider.locator('main').innerText()
    assert.match(main, /The person placed with you/)
    assert.ok(main.includes(person.name))
    assert.ok(main.includes(person.nhs))
    assert.match(main, /Accepted/)
    await shoot(provider, '14-provider-after-award')
    await provider.goto(server.url + '/placements')
    assert.match(await provider.locator('main').innerText(), new RegExp(`Referral ${referralId}`))
    await shoot(provider, '15-provider-placements')
  })

  test('the provider sets a vacancy count in one step', async () => {
    await provider.goto(server.url + '/services')
    const input = provider.locator('input[name^="vacancies-"]').first()
    await input.fill('3')
    // Enter in the field submits just that service's form.
    await input.press('Enter')
    await provider.waitForURL(/\/services\?done=vacancies&service=\d+$/)
    assert.match(await provider.locator('.govuk-notification-banner').innerText(), /are now 3/)
    await shoot(provider, '16-provider-services')
    await provider.locator('input[name^="vacancies-"]').first().fill('lots')
    await provider.getByRole('button', { name: /^Save/ }).first().click()
    assert.match(await provider.locator('.govuk-error-summary').innerText(), /whole number/)
    await checkAccessibility(provider, 'services-error')
  })

  test('the officer ends the placement', async () => {
    await officer.goto(server.url + '/placements')
    await shoot(officer, '17-officer-placements')
    await officer.getByRole('link', { name: /^End placement \d+$/ }).first().click()
    await officer.getByRole('button', { name: 'End the placement' }).click()
    assert.match(await officer.locator('.govuk-error-summary').innerText(), /Enter the date the placement ended/)
    await checkAccessibility(officer, 'end-placement-errors')
    await fillDate(officer, 'end_date', inDays(10))
    await officer.getByLabel('A planned move').check()
    await officer.getByRole('button', { name: 'End the placement' }).click()
    await officer.waitForURL(/\/placements\?done=ended$/)
    assert.match(await officer.locator('main').innerText(), /Ended/)
  })

  test('the commissioner sees the register as a map and a table, and downloads it', async () => {
    const total = async () => Number((await officer.locator('.govuk-body-l').innerText()).match(/^(\d+) services in/)[1])
    await officer.goto(server.url + '/register')
    const all = await total()
    const dots = await officer.locator('svg.cm-map circle').count()
    assert.ok(all > 100, `Birmingham has over 100 services (${all})`)
    assert.ok(dots > all, `the map draws every service and the council centres (${dots} points)`)
    assert.equal(await officer.locator('main table tbody tr').count(), 50, 'the table shows the first 50')
    await shoot(officer, '18-register-map')
    await officer.getByLabel('Has a vacancy now').check()
    await officer.getByLabel('Kind of care').selectOption('care_home_nursing')
    await officer.getByRole('button', { name: 'Show services' }).click()
    await officer.waitForURL(/has_vacancy=yes/)
    const fewer = await total()
    assert.ok(fewer > 0 && fewer < all, `filtering narrows the register (${fewer} of ${all})`)
    const href = await officer.getByRole('link', { name: 'Download these services as CSV' }).getAttribute('href')
    const csv = await officer.context().request.get(server.url + href)
    assert.equal(csv.status(), 200)
    assert.match(csv.headers()['content-type'], /^text\/csv/)
    const lines = (await csv.text()).trim().split('\r\n')
    assert.match(lines[0], /^id,name,provider,kind,/)
    assert.equal(lines.length - 1, fewer, 'the CSV holds every service the filters select')
    assert.ok(lines.slice(1).every(l => /,care_home_nursing,/.test(l)), 'and only those')
    await shoot(officer, '19-register-filtered')
  })

  test('the commissioner publishes new ranking weights; they must add up to 100', async () => {
    await officer.goto(server.url + '/settings/weights')
    await shoot(officer, '20-ranking-weights')
    await officer.getByLabel(/^Quality/).fill('70')
    await officer.getByRole('button', { name: 'Save the weights' }).click()
    assert.match(await officer.locator('.govuk-error-summary').innerText(), /must add up to 100; they add up to 110/)
    assert.equal(await officer.getByLabel(/^Quality/).inputValue(), '70', 'what was typed is kept')
    await officer.getByLabel(/^Price/).fill('10')
    await officer.getByRole('button', { name: 'Save the weights' }).click()
    await officer.waitForURL(/\?done=saved$/)
    assert.equal(await officer.getByLabel(/^Quality/).inputValue(), '70')
    assert.equal(await officer.getByLabel(/^Price/).inputValue(), '10')
  })

  test('the commissioner reads the contracts and a soft block week by week, as a chart and a table', async () => {
    await officer.goto(server.url + '/contracts')
    const rows = await officer.locator('main table tbody tr').count()
    assert.ok(rows >= 3, `Birmingham is a party to the demo's contracts (${rows})`)
    await shoot(officer, '30-contracts')
    await officer.getByRole('link', { name: 'BCC-SB-2026-014' }).click()
    await officer.getByRole('heading', { name: 'Weekly utilisation' }).waitFor()
    const weeks = officer.locator('table:has(caption:text("Week by week")) tbody tr')
    assert.equal(await weeks.count(), 13 + 1, 'a quarter of weeks and the total')
    const first = await weeks.first().locator('td').allInnerTexts()
    assert.equal(first[1], '12', 'the soft block commits 12 places')
    assert.equal(Number(first[2]) + Number(first[3]), 12, 'occupied and void make up the commitment')
    const bars = await officer.locator('svg.cm-chart rect').count()
    assert.ok(bars >= 13, `a column for each week (${bars} parts)`)
    assert.match(await officer.locator('svg.cm-chart title').first().textContent(), /Weekly utilisation of BCC-SB-2026-014/)
    await shoot(officer, '31-contract-utilisation')
    // A date that does not exist is refused beside the field; what was typed stays.
    await officer.fill('#from-day', '31')
    await officer.fill('#from-month', '2')
    await officer.getByRole('button', { name: 'Show these weeks' }).click()
    assert.match(await officer.locator('.govuk-error-summary').innerText(), /must be a real date/)
    assert.equal(await officer.inputValue('#from-day'), '31')
    await checkAccessibility(officer, 'contract-utilisation-error')
    // The soft block's next review: a commitment outside the band is refused, then the proposal is accepted.
    await officer.getByLabel('Set another commitment').check()
    await officer.getByLabel('Commitment instead (places)').fill('30')
    await officer.getByLabel('Reason').fill('Demand is rising fast')
    await officer.getByRole('button', { name: 'Record the decision' }).click()
    assert.match(await officer.locator('.govuk-error-summary').innerText(), /within the agreed band 8-20/)
    assert.equal(await officer.getByLabel('Commitment instead (places)').inputValue(), '30', 'what was typed is kept')
    assert.equal(await officer.getByLabel('Reason').inputValue(), 'Demand is rising fast')
    await checkAccessibility(officer, 'contract-review-error')
    const proposed = (await officer.locator('main').innerText()).match(/Proposed commitment\s+(\d+)/)[1]
    await officer.getByLabel(/^Accept the proposal of/).check()
    await officer.getByRole('button', { name: 'Record the decision' }).click()
    await officer.waitForURL(/\/contracts\/\d+\?done=reviewed$/)
    const decided = await officer.locator('table:has(caption:text("Reviews decided")) tbody tr').allInnerTexts()
    assert.equal(decided.length, 1)
    assert.match(decided[0], new RegExp(`\\t12\\t${proposed}\\t${proposed}\\t`), 'was 12, proposed and decided the same')
    assert.match(await officer.locator('main').innerText(), new RegExp(`Committed now\\s+${proposed}`))
  })

  test('the price model calculator shows each cost line and the price, and refuses a bad figure', async () => {
    await officer.goto(server.url + '/prices')
    await shoot(officer, '32-price-calculator')
    const calculate = () => officer.getByRole('button', { name: 'Calculate the price' }).click()
    const price = async () => Number((await officer.locator('.govuk-panel__title').innerText()).replace(/[£,]/g, ''))
    await calculate()
    await officer.locator('.govuk-panel__title').waitFor()
    const defaults = await price()
    assert.ok(defaults > 500 && defaults < 3000, `a care home week at the defaults (£${defaults})`)
    const lines = await officer.locator('table:has(caption:text("Cost lines")) tbody tr').allInnerTexts()
    assert.ok(lines.length > 10, 'every cost line is shown')
    assert.ok(lines.some(l => /^Care staff/i.test(l) && /hours x £12\.21/.test(l)), 'with how it was worked out')
    assert.match(lines.at(-1), new RegExp(`Price[\\s\\S]*£${defaults.toLocaleString('en-GB', { minimumFractionDigits: 2 })}`))
    await officer.getByLabel('Care staff hourly pay').fill('12.3456')
    await calculate()
    assert.match(await officer.title(), /^Error: /)
    assert.match(await officer.locator('.govuk-error-summary').innerText(), /Care staff hourly pay must be a number with at most two decimals/)
    assert.equal(await officer.getByLabel('Care staff hourly pay').inputValue(), '12.3456', 'what was typed is kept')
    assert.ok(await officer.locator('#p-care_pay-error').isVisible())
    await checkAccessibility(officer, 'price-calculator-error')
    await officer.getByLabel('Care staff hourly pay').fill('13.50')
    await calculate()
    await officer.locator('.govuk-panel__title').waitFor()
    assert.ok(await price() > defaults, 'higher pay gives a higher price')
    assert.equal(await officer.getByLabel('Care staff hourly pay').inputValue(), '13.50')
    await shoot(officer, '33-price-calculated')
    await officer.getByRole('link', { name: 'A home care contact hour' }).click()
    await officer.getByLabel('Average visit length in minutes').fill('45')
    await calculate()
    await officer.locator('.govuk-panel__title').waitFor()
    assert.ok(await price() > 10 && await price() < 100, 'a home care hour')
    await checkAccessibility(officer, 'price-home-care')
  })

  test('the block sizing advisor compares spot, a rigid block and a soft block', async () => {
    await officer.goto(server.url + '/prices/block-sizing')
    await shoot(officer, '34-block-sizing')
    await officer.getByLabel('Spot price a place a week, in pounds').fill('')
    await officer.getByRole('button', { name: 'Compare the strategies' }).click()
    assert.match(await officer.locator('.govuk-error-summary').innerText(), /Enter the spot price/)
    assert.equal(await officer.getByLabel('Places needed in an average week').inputValue(), '12', 'the other figures are kept')
    await checkAccessibility(officer, 'block-sizing-error')
    await officer.getByLabel('Spot price a place a week, in pounds').fill('1,150.00')
    await officer.getByRole('button', { name: 'Compare the strategies' }).click()
    const rows = await officer.locator('table:has(caption:text("Side by side")) tbody tr').allInnerTexts()
    assert.equal(rows.length, 3)
    assert.match(rows[0], /^Spot only\s+0\s+£[\d,]+\.\d\d\s+£[\d,]+\.\d\d/)
    assert.match(rows[1], /^Rigid block/)
    assert.match(rows[2], /^Soft block/)
    assert.equal((await officer.getByText('Lowest expected cost').all()).length, 1, 'one strategy is recommended')
    assert.match(await officer.locator('.govuk-panel__body').innerText(), /costs least on average|Spot only/)
    await shoot(officer, '35-block-sizing-result')
  })

  test('the officer runs an allocation, reviews each match and confirms', async () => {
    // A draft referral waiting for a place: allocation takes drafts.
    await officer.goto(server.url + '/referrals/new?for=adult')
    await officer.getByLabel('Full name').fill('Alma Testperson')
    await fillDate(officer, 'person-date_of_birth', new Date(Date.UTC(1950, 2, 2)))
    await officer.getByLabel('Home postcode').fill('B23 6TH')
    await officer.getByLabel('Age', { exact: true }).fill('76')
    await officer.getByLabel('Care home residential').check()
    await officer.getByRole('button', { name: 'Save and see who would be asked' }).click()
    await officer.waitForURL(/\/referrals\/\d+\?done=created$/)
    const draftId = officer.url().match(/\/referrals\/(\d+)/)[1]
    await officer.goto(server.url + '/allocation')
    await shoot(officer, '36-allocation')
    await officer.getByRole('button', { name: 'Propose matches now' }).click()
    await officer.waitForURL(/\/allocation\/\d+\?done=run$/)
    const main = await officer.locator('main').innerText()
    assert.match(main, new RegExp(`Referral ${draftId}`))
    assert.match(main, /Score\s+quality [\d.]+, price [\d.]+, distance [\d.]+, fit [\d.]+; total [\d.]+/, 'the score breakdown')
    assert.match(main, /Next best/)
    assert.match(main, /Choosing the next best\s+would cost [\d.]+ points more|none: no other service/)
    assert.match(main, /Nearer services not used, and why/)
    await shoot(officer, '37-allocation-proposal')
    await officer.getByRole('button', { name: `Confirm the match for referral ${draftId}` }).click()
    await officer.waitForURL(/\?done=confirmed$/)
    assert.match(await officer.locator('main').innerText(), new RegExp(`Referral ${draftId}\\s+Status\\s+Sent`))
    await officer.goto(`${server.url}/referrals/${draftId}`)
    assert.match(await officer.locator('main').innerText(), /Sent: waiting for offers/, 'confirming sent the referral')
  })

  test('the council issues an invoice; the provider uploads actuals and sees each difference', async () => {
    await officer.goto(server.url + '/invoices')
    await officer.getByRole('button', { name: 'Generate the invoice' }).click()
    assert.match(await officer.locator('.govuk-error-summary').innerText(), /Choose the provider to invoice/)
    await checkAccessibility(officer, 'invoices-error')
    await officer.getByLabel('Provider').selectOption({ index: 1 })
    // The week the placement started (it started in three days and ended in ten).
    const start = inDays(3)
    const monday = new Date(start.getTime() - ((start.getUTCDay() + 6) % 7) * 86400000)
    // Its days on the invoice run from its start to the Sunday, so they depend on today.
    const daysOnInvoice = 7 - ((start.getUTCDay() + 6) % 7)
    await fillDate(officer, 'period_start', monday)
    await officer.getByRole('button', { name: 'Generate the invoice' }).click()
    await officer.waitForURL(/\/invoices\/\d+\?done=generated$/)
    const invoiceId = officer.url().match(/\/invoices\/(\d+)/)[1]
    const lines = await officer.locator('table:has(caption:text("Lines")) tbody tr').allInnerTexts()
    const placementLine = lines.find(l => /^Placement\s+Placement \d+/.test(l))
    assert.ok(placementLine, 'the placement is on the invoice: ' + lines.join(' | '))
    assert.match(lines.at(-1), /^Total[\s\S]*£\d/)
    const placementId = placementLine.match(/Placement (\d+)/)[1]
    // The demo's blocks and soft blocks with this provider are charged whether used or not.
    const contracts = [...new Set(lines.filter(l => /^Commitment\s/.test(l)).map(l => l.match(/contract (\d+)/)[1]))]
    await shoot(officer, '38-invoice-draft')
    await officer.getByRole('button', { name: 'Issue the invoice to the provider' }).click()
    await officer.waitForURL(/\?done=issued$/)

    // A provider is refused the councils' tools, as the API refuses it.
    assert.equal((await provider.goto(server.url + '/prices/block-sizing')).status(), 403)
    assert.equal((await provider.goto(server.url + '/allocation')).status(), 403)
    await provider.goto(server.url + '/invoices')
    await shoot(provider, '39-provider-invoices')
    await provider.getByRole('link', { name: `Invoice ${invoiceId}` }).click()
    await provider.getByRole('button', { name: 'Upload and compare' }).click()
    assert.match(await provider.locator('.govuk-error-summary').innerText(), /Choose your actuals CSV file/)
    const iso = d => d.toISOString().slice(0, 10)
    const csv = `placement_id,from,to,days,amount,resident_name\n${placementId},${iso(inDays(3))},${iso(inDays(3))},1,1.00,${person.name}\n`
    await provider.setInputFiles('#actuals', { name: 'actuals.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await provider.getByRole('button', { name: 'Upload and compare' }).click()
    await provider.waitForURL(/\?done=uploaded$/)
    const main = await provider.locator('main').innerText()
    assert.match(main, /Your actuals against the invoice/)
    // The placement's days differ, and each contract's fee is missing from the file.
    const differences = 1 + contracts.length
    assert.match(main, new RegExp(`Result\\s+${differences} difference${differences === 1 ? '' : 's'}\\n`))
    for (const id of contracts) assert.match(main, new RegExp(`Contract ${id}'s charge of £[\\d,]+\\.\\d\\d is not in the actuals`))
    if (daysOnInvoice === 1) assert.match(main, /the same 1 day\(s\), but/)
    else assert.match(main, new RegExp(`${daysOnInvoice} day\\(s\\) on the invoice, 1 claimed`))
    assert.match(main, new RegExp(`Placement ${placementId}`))
    assert.match(main, /Columns not read \(and not kept\): resident_name/)
    assert.match(main, /Status\s+Differences/)
    assert.ok(!main.includes(person.name), 'a name in the file is never shown back')
    await shoot(provider, '40-provider-invoice-differences')
  })

  test('signing out ends the session', async () => {
    await officer.goto(server.url + '/')
    await officer.getByRole('button', { name: 'Sign out' }).click()
    await officer.waitForURL(/\/sign-in\?signed_out=1$/)
    await shoot(officer, '21-signed-out')
    await officer.goto(server.url + '/referrals')
    assert.match(officer.url(), /\/sign-in\?next=/)
  })

  test('no page logged a script error or a Content-Security-Policy violation', () => {
    assert.deepEqual(problems, [])
    console.log(`axe-core: 0 violations on ${pagesChecked.length} pages: ${pagesChecked.join(', ')}`)
  })
})
