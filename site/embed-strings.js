// The strings of embed.html, the embed builder, in English and Korean
// (data-i18n keys in embed.html, which holds the English, and what
// embed-builder.js writes). The parameters' own meanings come with
// url-params.json, in both languages.
export const STRINGS = {
  'title': { en: 'Embed the demo in a course page', ko: '강의 페이지에 데모 넣기' },
  'description': {
    en: 'Pick a view of the LeNet-5 demo, its language and parameters, see it live, and copy the iframe and the embed.js snippets for your course page.',
    ko: 'LeNet-5 데모의 화면과 언어, 매개변수를 고르고 바로 확인한 뒤, 강의 페이지에 넣을 iframe과 embed.js 코드를 복사하세요.',
  },
  'top.sub': { en: 'embed builder', ko: '데모 넣기 도우미' },
  'nav.label': { en: 'Pages', ko: '페이지' },
  'nav.home': { en: 'Home', ko: '처음으로' },
  'nav.app': { en: 'Demo', ko: '데모' },
  'nav.docs': { en: 'Embedding, in the manual', ko: '설명서: 페이지에 넣기' },
  'lang.label': { en: 'Language', ko: '언어' },
  'h1': { en: 'Put the demo in your course page', ko: '강의 페이지에 데모 넣기' },
  'intro': {
    en: `Choose what the frame shows. The preview is the frame as your page will show it; copy the snippet
    below it into your page. Every value here is a URL parameter of <code>app.html</code>.`,
    ko: `프레임에 보일 내용을 고르세요. 미리보기는 여러분의 페이지에 보일 프레임 그대로이며, 그 아래 코드를 복사해
    페이지에 붙여 넣으면 됩니다. 여기의 모든 값은 <code>app.html</code>의 URL 매개변수입니다.`,
  },
  'controls.title': { en: 'What the frame shows', ko: '프레임에 보일 내용' },
  'view.label': { en: 'View', ko: '화면' },
  'lang.param': { en: 'Language', ko: '언어' },
  'lang.browser': { en: "the reader's browser language", ko: '읽는 사람의 브라우저 언어' },
  'params.title': { en: "The view's parameters", ko: '화면의 매개변수' },
  'params.none': { en: 'This view takes no parameters.', ko: '이 화면에는 매개변수가 없습니다.' },
  'frame.title': { en: 'The frame', ko: '프레임' },
  'frame.width': { en: 'Width (pixels)', ko: '너비 (픽셀)' },
  'frame.height': { en: 'Height (pixels)', ko: '높이 (픽셀)' },
  'frame.name': { en: 'LeNet-5 drawing demo', ko: 'LeNet-5 숫자 그리기 데모' },
  'origin.label': { en: "Your course page's origin (optional)", ko: '강의 페이지의 출처(origin) (선택)' },
  'origin.none': { en: 'Left empty', ko: '비워 두면' },
  'default': { en: 'default: {value}', ko: '기본값: {value}' },
  'problems': { en: 'Not used, as the frame would not take them', ko: '프레임이 받지 않는 값이라 쓰지 않음' },
  'preview.title': { en: 'Preview', ko: '미리보기' },
  'preview.frame': { en: 'Preview of the embedded demo', ko: '넣은 데모의 미리보기' },
  'snippet.title': { en: 'The iframe', ko: 'iframe 코드' },
  'snippet.text': {
    en: `Paste this where the demo goes. It has no inline style, so a strict
      Content-Security-Policy on your page does not block it; size and frame it from your own style sheet.`,
    ko: `데모를 넣을 자리에 붙여 넣으세요. 인라인 스타일이 없어 페이지의 엄격한 Content-Security-Policy에도
      막히지 않습니다. 크기와 테두리는 여러분의 스타일시트에서 정하세요.`,
  },
  'js.title': { en: 'Talk to it from your page (optional)', ko: '페이지에서 데모와 주고받기 (선택)' },
  'js.text': {
    en: `<code>embed.js</code> sets the frame's height to its content and lets your page hear each
      prediction and send commands (a sample, a picture, the language). Put the code in a module script of your page,
      in a file of its own if your page has a Content-Security-Policy.`,
    ko: `<code>embed.js</code>는 프레임 높이를 내용에 맞추고, 페이지가 예측을 하나하나 받아 보며 명령(예제, 그림,
      언어)을 보낼 수 있게 합니다. 이 코드를 페이지의 모듈 스크립트에 넣으세요. 페이지에 Content-Security-Policy가
      있으면 별도 파일로 두세요.`,
  },
  'js.said': { en: 'The network reads', ko: '신경망이 읽은 숫자' },
  'copy': { en: 'Copy', ko: '복사' },
  'copied': { en: 'Copied.', ko: '복사했습니다.' },
  'select': { en: 'Selected: press Ctrl+C (⌘C) to copy.', ko: '선택했습니다. Ctrl+C(⌘C)로 복사하세요.' },
  'more': {
    en: 'Every parameter, every message and what a host must send: <a href="docs/embedding.html">Embedding</a>, in the manual.',
    ko: '모든 매개변수와 메시지, 서버가 보내야 할 헤더: 설명서의 <a href="docs/embedding.html">페이지에 넣기</a>.',
  },
  'footer': {
    en: "Everything runs in the reader's browser; nothing drawn leaves the page.",
    ko: '모든 계산은 읽는 사람의 브라우저에서 이루어지며, 그린 그림은 페이지 밖으로 나가지 않습니다.',
  },
};
