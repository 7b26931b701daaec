// The strings of the site's own pages (index.html, api.html, embed.html) and the way
// they pick their language (lang.js). Every string exists in English and
// Korean with the same {placeholders}; every key the HTML or the script
// uses is in the table and every key in the table is used; the Korean says
// each of the lecture's terms as the lecture writes them (ch6 notes:
// 컨볼루션, 특징 맵, 수용장, 커널, 보폭, 덧대기, 풀링, 최대 풀링, 완전연결,
// 매개변수, 바이어스 …) and none of the other common words for them.
// The browser tests (site/browser/pages_test.go) check the pages as shown.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { siteURL } from './lib/common.mjs';
import { parseLang, chooseLang, withLang, format } from '../lang.js';
import { STRINGS as HOME } from '../home-strings.js';
import { STRINGS as API } from '../api-strings.js';
import { STRINGS as EMBED } from '../embed-strings.js';

const read = (name) => readFileSync(new URL(name, siteURL), 'utf8');

const pages = [
  { html: 'index.html', script: 'home.js', strings: HOME },
  { html: 'api.html', script: 'api.js', strings: API },
  { html: 'embed.html', script: 'embed-builder.js', strings: EMBED },
];

// An English term, and how the Korean must say it.
const terms = [
  [/feature maps?/i, '특징 맵'],
  [/receptive fields?/i, '수용장'],
  [/kernels?\b/i, '커널'],
  [/\bstride\b/i, '보폭'],
  [/\bpadding\b|\bpadded\b/i, '덧대기'],
  [/max pooling/i, '최대 풀링'],
  [/average pooling/i, '평균 풀링'],
  [/pooling/i, '풀링'],
  [/fully connected/i, '완전연결'],
  [/convolution/i, '컨볼루션'],
  [/correlation/i, '교차상관'],
  [/\bparameters?\b/i, '매개변수'],
  [/\bbias\b/i, '바이어스'],
  [/\bweights?\b/i, '가중치'],
  [/softmax/i, '소프트맥스'],
  [/activations?\b/i, '활성화'],
];
// Other words for the same things, which the lecture does not use.
const avoid = ['완전 연결', '특징맵', '특성 맵', '합성곱', '패딩', '스트라이드', '필터', '파라미터', '편향', '수용 영역', '윈도우'];

// prose leaves out code and placeholders, which is the same in both languages.
const prose = (s) => s.replace(/<code>[\s\S]*?<\/code>/g, ' ').replace(/<[^>]+>|\{\w+\}/g, ' ');
const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

for (const { html, script, strings } of pages) {
  test(`${html}: every string in English and Korean, with the lecture's terms`, () => {
    for (const [key, s] of Object.entries(strings)) {
      assert.deepEqual(Object.keys(s).sort(), ['en', 'ko'], `${key}: keys ${Object.keys(s)}`);
      assert.ok(s.en.trim() && s.ko.trim(), `${key}: an empty string`);
      assert.deepEqual(placeholders(s.ko), placeholders(s.en), `${key}: the placeholders differ`);
      const en = prose(s.en), ko = prose(s.ko);
      for (const [term, word] of terms) {
        if (term.test(en)) assert.ok(ko.includes(word), `${key}: "${en.match(term)[0]}" should be ${word} in ${JSON.stringify(s.ko)}`);
      }
      for (const word of avoid) assert.ok(!ko.includes(word), `${key}: ${word} is not the lecture's word, in ${JSON.stringify(s.ko)}`);
    }
  });

  test(`${html}: the keys it uses are the table's, and the table has no others`, () => {
    const page = read(html), code = read(script);
    const used = new Set(['title', 'description']); // lang.js sets the title and the description
    for (const m of page.matchAll(/data-i18n="([^"]+)"/g)) used.add(m[1]);
    for (const m of page.matchAll(/data-i18n-attr="([^"]+)"/g)) {
      for (const pair of m[1].split(/\s+/)) used.add(pair.split(':')[1]);
    }
    for (const m of code.matchAll(/\bt\('([^']+)'/g)) used.add(m[1]);
    // api.js names each layer's description by the layer: t(`layers.${l.name}`).
    if (code.includes('t(`layers.${l.name}`)')) for (const n of ['C1', 'S2', 'C3', 'S4', 'C5', 'F6', 'Output']) used.add(`layers.${n}`);
    for (const key of used) assert.ok(key in strings, `${html} uses ${key}, which is not in the table`);
    for (const key of Object.keys(strings)) {
      assert.ok(used.has(key) || code.includes(`'${key}'`), `${key} is in the table but ${html} and ${script} do not use it`);
    }
  });
}

test('the pages pick the language as app.html does', () => {
  for (const [tag, want] of [['ko', 'ko'], ['ko-KR', 'ko'], ['KO_kr', 'ko'], [' en-GB ', 'en'], ['en', 'en'], ['kor', ''], ['fr', ''], ['', ''], [null, '']]) {
    assert.equal(parseLang(tag), want, `parseLang(${JSON.stringify(tag)})`);
  }
  for (const [search, browser, want] of [
    ['?lang=ko', 'en-US', 'ko'],
    ['?lang=en', 'ko-KR', 'en'],
    ['?lang=fr', 'ko-KR', 'ko'], // an unknown lang falls back to the browser's
    ['', 'ko', 'ko'],
    ['', 'de-DE', 'en'],
    ['?view=conv', '', 'en'],
  ]) {
    assert.equal(chooseLang(search, browser), want, `chooseLang(${search}, ${browser})`);
  }
});

test('links carry the language; strings take their arguments', () => {
  assert.equal(withLang('app.html', 'ko'), 'app.html?lang=ko');
  assert.equal(withLang('app.html?view=conv#top', 'ko'), 'app.html?view=conv&lang=ko#top');
  assert.equal(withLang('app.html?lang=en&sample=3', 'ko'), 'app.html?lang=ko&sample=3');
  assert.equal(withLang('http://localhost:8080/app.html?x=1', 'en'), 'http://localhost:8080/app.html?x=1&lang=en');
  assert.equal(format('{a} of {b}, {c}', { a: 1, b: 'two' }), '1 of two, {c}');
});
