// The strings of api.html, the runnable guide to lenet.js, in English and
// Korean: the page's text (data-i18n keys in api.html, which holds the
// English) and what api.js writes about each example's result ({name} is
// filled in by api.js). The Korean uses the lecture's terms as the lecture
// writes them.
export const STRINGS = {
  'title': {
    en: 'lenet.js — a runnable guide to LeNet-5 in JavaScript',
    ko: 'lenet.js — 직접 실행해 보는 JavaScript용 LeNet-5 안내서',
  },
  'description': {
    en: 'Load LeNet-5 in a web page, predict drawn digits and 32×32 arrays, read every layer, and run the lecture\'s convolution and pooling: each example runs on the page.',
    ko: '웹 페이지에서 LeNet-5를 불러 그린 숫자와 32×32 배열을 예측하고, 모든 층을 읽고, 강의의 컨볼루션과 풀링을 계산해 봅니다. 모든 예제가 페이지에서 바로 실행됩니다.',
  },
  'top.sub': { en: 'lenet.js, a runnable guide', ko: 'lenet.js 실습 안내서' },
  'nav.label': { en: 'Pages', ko: '페이지' },
  'nav.home': { en: 'Home', ko: '처음으로' },
  'nav.app': { en: 'Demo', ko: '데모' },
  'nav.types': { en: 'Types: lenet.d.ts', ko: '타입: lenet.d.ts' },
  'nav.docs': { en: 'Documentation', ko: '문서' },
  'lang.label': { en: 'Language', ko: '언어' },

  'h1': { en: 'LeNet-5 in your JavaScript', ko: 'JavaScript에서 LeNet-5 쓰기' },
  'intro': {
    en: `<code>lenet.js</code> runs the lecture's LeNet-5 — 61,706 parameters, trained on MNIST — in a web page or
      in Node ≥ 20, with no other dependency. Each grey box below is the exact code that runs on this page: it ran
      once when the page opened, and <b>Run</b> runs it again; its result is shown under it. <code>net</code> is the
      network the first example loads.`,
    ko: `<code>lenet.js</code>는 강의의 LeNet-5(MNIST로 학습한 매개변수 61,706개)를 웹 페이지나 Node 20 이상에서
      다른 의존성 없이 실행합니다. 아래 회색 상자는 이 페이지에서 실제로 실행되는 코드 그대로입니다. 페이지를 열 때 한 번
      실행되었고, <b>실행</b>을 누르면 다시 실행되며, 결과는 바로 아래에 나옵니다. <code>net</code>은 첫 번째 예제가
      불러온 신경망입니다.`,
  },
  'toc.label': { en: 'Contents', ko: '차례' },

  'setup.title': { en: 'Three files and one import', ko: '파일 세 개와 import 한 줄' },
  'setup.text': {
    en: `Copy <code>lenet.js</code>, <code>lenet.wasm</code> and <code>wasm_exec.js</code> (<code>./build.sh build</code>
      writes them) next to your page and import <code>load</code> in a module script. Under a Content-Security-Policy,
      keep the script in its own file; <code>script-src 'self' 'wasm-unsafe-eval'</code> is all it needs. This page
      does exactly that:`,
    ko: `<code>./build.sh build</code>가 만드는 <code>lenet.js</code>, <code>lenet.wasm</code>, <code>wasm_exec.js</code>를
      페이지와 같은 폴더에 두고, 모듈 스크립트에서 <code>load</code>를 import하세요. Content-Security-Policy를 쓰는
      사이트라면 스크립트를 별도 파일로 두면 되고, <code>script-src 'self' 'wasm-unsafe-eval'</code>만 허용하면 됩니다.
      이 페이지도 그렇게 합니다:`,
  },
  'setup.html': { en: 'in api.html:', ko: 'api.html 안:' },
  'setup.js': { en: 'in api.js:', ko: 'api.js 안:' },

  'run': { en: 'Run', ko: '실행' },
  'threw': { en: 'It threw {name}: {message}', ko: '{name} 예외가 났습니다: {message}' },
  'needs.net': {
    en: 'This example needs the network, which has not loaded.',
    ko: '이 예제에는 신경망이 필요한데 아직 불러오지 못했습니다.',
  },

  'load.title': { en: '1. Load the network', ko: '1. 신경망 불러오기' },
  'load.text': {
    en: `<code>load()</code> fetches <code>lenet.wasm</code> from beside <code>lenet.js</code>, compiles it and resolves
      to the network. Load once and keep <code>net</code>; loading the same file again reuses the compiled module.
      <code>load({weights})</code> runs a weights file of your own instead of the shipped one.`,
    ko: `<code>load()</code>는 <code>lenet.js</code> 옆의 <code>lenet.wasm</code>을 받아 컴파일하고 신경망을 돌려줍니다.
      한 번 불러 둔 <code>net</code>을 계속 쓰면 되고, 같은 파일을 다시 불러도 이미 컴파일한 모듈을 재사용합니다.
      직접 학습한 가중치 파일은 <code>load({weights})</code>로 넘기면 됩니다.`,
  },
  'load.loading': { en: 'Loading lenet.wasm…', ko: 'lenet.wasm을 불러오는 중…' },
  'load.ready': {
    en: 'Ready: LeNet-5, {parameters} parameters (lenet.js {version}).',
    ko: '준비 완료: LeNet-5, 매개변수 {parameters}개 (lenet.js {version}).',
  },
  'load.failed': { en: 'Could not load the network: {message}', ko: '신경망을 불러오지 못했습니다: {message}' },
  'load.meta': {
    en: '<code>net.weights.meta</code>: how the shipped weights were made',
    ko: '<code>net.weights.meta</code>: 함께 제공되는 가중치를 만든 방법',
  },

  'draw.title': { en: '2. Predict what is drawn', ko: '2. 그린 숫자 예측하기' },
  'draw.text': {
    en: `<code>net.predict</code> takes a canvas, <code>ImageData</code>, an <code>OffscreenCanvas</code> or
      <code>{data, width, height}</code>. Draw a digit on the pad: this code runs on every stroke.`,
    ko: `<code>net.predict</code>에는 캔버스, <code>ImageData</code>, <code>OffscreenCanvas</code>,
      <code>{data, width, height}</code>를 넘길 수 있습니다. 패드에 숫자를 그려 보세요. 획을 그을 때마다 이 코드가 실행됩니다.`,
  },
  'draw.pre': {
    en: `<b>Preprocessing</b> (on by default) does to a drawing what MNIST did to its digits: crop to the ink, scale
      the longer side to 20 pixels, centre the centre of mass in 28×28, pad to 32×32.`,
    ko: `<b>전처리</b>(기본으로 켜짐)는 MNIST가 숫자 이미지를 만든 방법을 그림에 그대로 적용합니다. 잉크가 있는 부분만
      잘라 긴 변을 20픽셀로 줄이고, 무게중심을 28×28의 한가운데에 맞춘 뒤 32×32로 덧대기를 합니다.`,
  },
  'draw.pad': {
    en: 'Drawing pad: draw one digit with the mouse, a pen or a finger',
    ko: '그리기 패드: 마우스, 펜, 손가락으로 숫자 하나를 그리세요',
  },
  'draw.seen': {
    en: '<code>r.input</code>: the 32×32 the network saw',
    ko: '<code>r.input</code>: 신경망이 본 32×32',
  },
  'draw.seen.aria': { en: 'The 32×32 input the network read', ko: '신경망이 읽은 32×32 입력' },
  'draw.clear': { en: 'Clear', ko: '지우기' },
  'draw.probs': {
    en: '<code>r.probs</code>: the probability of each digit',
    ko: '<code>r.probs</code>: 숫자별 확률',
  },
  'draw.empty': {
    en: 'Nothing drawn yet: <code>r.empty</code> is true and <code>r.label</code> is −1.',
    ko: '아직 아무것도 그리지 않았습니다. <code>r.empty</code>는 true, <code>r.label</code>은 −1입니다.',
  },
  'draw.read': {
    en: '<code>r.label</code> is <b>{label}</b>, with probability {p} %.',
    ko: '<code>r.label</code>은 <b>{label}</b>, 확률은 {p} %입니다.',
  },

  'raw.title': { en: '3. Predict a 32×32 array, without preprocessing', ko: '3. 전처리 없이 32×32 배열 예측하기' },
  'raw.text': {
    en: `With <code>{preprocess: false}</code> the image goes in as it is: exactly 32×32 values, ink bright (1) on
      black (0), like <code>r.input</code> above. Here, a vertical bar drawn in code:`,
    ko: `<code>{preprocess: false}</code>를 주면 이미지를 손대지 않고 그대로 넣습니다. 값은 정확히 32×32개여야 하고, 위의
      <code>r.input</code>처럼 검은 바탕(0)에 밝은 잉크(1)입니다. 여기서는 코드로 세로 막대를 그립니다:`,
  },
  'raw.seen': { en: '<code>r.input</code>: the 32×32 as given', ko: '<code>r.input</code>: 넣은 그대로의 32×32' },

  'layers.title': { en: '4. Every layer\'s activations', ko: '4. 모든 층의 활성화 값' },
  'layers.text': {
    en: `<code>r.layers</code> lists C1, S2, C3, S4, C5, F6 and Output, each <code>{name, shape, data}</code>:
      <code>shape</code> is [channels, height, width] and value (c, y, x) is
      <code>data[(c·height + y)·width + x]</code>. Here they come from the drawing on the pad above and follow every
      stroke. Pass <code>{layers: false}</code> when only the class is needed.`,
    ko: `<code>r.layers</code>에는 C1, S2, C3, S4, C5, F6, Output이 차례로 들어 있고, 각각 <code>{name, shape, data}</code>입니다.
      <code>shape</code>는 [채널, 높이, 너비]이고, (c, y, x)의 값은 <code>data[(c·height + y)·width + x]</code>입니다.
      여기서는 위 패드에 그린 숫자로 계산하며, 획을 그을 때마다 다시 계산합니다. 클래스만 필요하면
      <code>{layers: false}</code>를 주세요.`,
  },
  'layers.legend': {
    en: 'Each picture shows every channel: white is 0, red positive, blue negative, scaled to the layer\'s largest value.',
    ko: '그림마다 모든 채널을 보여 줍니다. 흰색은 0, 빨간색은 양수, 파란색은 음수이며, 그 층의 가장 큰 값에 맞춰 척도를 정합니다.',
  },
  'layers.empty': {
    en: 'The pad is empty, so every layer is zero: draw a digit above.',
    ko: '패드가 비어 있어 모든 층이 0입니다. 위에 숫자를 그려 보세요.',
  },
  'layers.C1': { en: 'convolution, ReLU', ko: '컨볼루션, ReLU' },
  'layers.S2': { en: 'max pooling', ko: '최대 풀링' },
  'layers.C3': { en: 'convolution, ReLU', ko: '컨볼루션, ReLU' },
  'layers.S4': { en: 'max pooling', ko: '최대 풀링' },
  'layers.C5': { en: 'convolution, ReLU', ko: '컨볼루션, ReLU' },
  'layers.F6': { en: 'fully connected, ReLU', ko: '완전연결, ReLU' },
  'layers.Output': {
    en: 'fully connected: the scores before softmax',
    ko: '완전연결: 소프트맥스 전의 점수',
  },
  'layers.values': { en: 'first values: {values}; largest {max}', ko: '앞쪽 값: {values}; 최댓값 {max}' },

  'conv.title': { en: '5. conv2d: correlation and convolution', ko: '5. conv2d: 교차상관과 컨볼루션' },
  'conv.text': {
    en: `<code>net.conv2d(input, kernels, options)</code> computes the lecture's operation, for exercises. By default
      it is cross-correlation: the kernel slides as it is, which is what deep-learning libraries call convolution.
      <code>mode: 'convolution'</code> first flips the kernel top to bottom and left to right. The other options are
      <code>padding</code>, <code>stride</code> and <code>bias</code>.`,
    ko: `<code>net.conv2d(input, kernels, options)</code>는 연습 문제를 풀 수 있도록 강의의 연산을 그대로 계산합니다.
      기본은 교차상관으로, 커널을 그대로 밀어 가며 곱해 더합니다. 딥러닝 라이브러리들이 컨볼루션이라고 부르는 것이 바로
      이것입니다. <code>mode: 'convolution'</code>을 주면 커널을 위아래, 좌우로 뒤집은 뒤 계산합니다. 다른 옵션으로
      <code>padding</code>(덧대기), <code>stride</code>(보폭), <code>bias</code>(바이어스)가 있습니다.`,
  },
  'conv.input': { en: 'input', ko: '입력' },
  'conv.kernel': { en: 'kernel', ko: '커널' },
  'conv.flipped': { en: 'kernel flipped', ko: '뒤집은 커널' },
  'conv.corr': { en: 'correlation', ko: '교차상관' },
  'conv.conv': { en: 'convolution', ko: '컨볼루션' },
  'conv.sum': { en: 'top left: {sum}', ko: '왼쪽 위: {sum}' },

  'pool.title': { en: '6. pool2d: max and average pooling', ko: '6. pool2d: 최대 풀링과 평균 풀링' },
  'pool.text': {
    en: `<code>net.pool2d(input, options)</code> pools every channel. By default <code>size</code> is 2,
      <code>stride</code> equals the size and <code>mode</code> is 'max'; 'avg' takes the mean. Pooling has no
      parameters to learn.`,
    ko: `<code>net.pool2d(input, options)</code>는 채널마다 풀링합니다. 기본값은 <code>size</code> 2, <code>stride</code>는
      size와 같고 <code>mode</code>는 'max'이며, 'avg'를 주면 평균을 냅니다. 풀링에는 학습할 매개변수가 없습니다.`,
  },
  'pool.input': { en: 'input', ko: '입력' },
  'pool.max': { en: 'max pooling', ko: '최대 풀링' },
  'pool.avg': { en: 'average pooling', ko: '평균 풀링' },

  'summary.title': { en: '7. summary(): the lecture\'s table', ko: '7. summary(): 강의의 표' },
  'summary.text': {
    en: `<code>net.summary()</code> returns the lecture's LeNet-5 table, layer by layer, with each parameter count
      written out and the totals; its <code>text</code> is the table as <code>lenet summary</code> prints it.`,
    ko: `<code>net.summary()</code>는 강의에 나온 LeNet-5 표를 층별로 돌려줍니다. 매개변수 수를 구하는 식과 합계도 들어
      있고, <code>text</code>에는 <code>lenet summary</code>가 출력하는 표가 그대로 들어 있습니다.`,
  },
  'summary.layer': { en: 'layer', ko: '층' },
  'summary.op': { en: 'operation', ko: '연산' },
  'summary.shape': { en: 'input → output', ko: '입력 → 출력' },
  'summary.params': { en: 'parameters', ko: '매개변수' },
  'summary.op.conv': {
    en: '{count} kernels {c}×{k}×{k}, stride {stride}, {padding}, {act}',
    ko: '{c}×{k}×{k} 커널 {count}개(보폭 {stride}, {padding}), {act}',
  },
  'summary.op.pool': {
    en: 'max pooling {k}×{k}, stride {stride}',
    ko: '{k}×{k} 최대 풀링(보폭 {stride})',
  },
  'summary.op.fc': {
    en: 'fully connected {in} → {out}, {act}',
    ko: '완전연결 {in} → {out}, {act}',
  },
  'summary.nopad': { en: 'no padding', ko: '덧대기 안 함' },
  'summary.pad': { en: 'padding {p}', ko: '덧대기 {p}' },
  'summary.softmax': { en: 'softmax', ko: '소프트맥스' },
  'summary.total': {
    en: `<b>{total}</b> parameters: {conv} in the convolution layers and {fc} in the fully connected layers;
      {macs} multiply-accumulates per digit.`,
    ko: `매개변수 <b>{total}</b>개: 컨볼루션층에 {conv}개, 완전연결층에 {fc}개. 숫자 하나를 읽는 데
      곱셈-누적 {macs}번.`,
  },
  'summary.textLabel': {
    en: '<code>.text</code>, as <code>lenet summary</code> prints it',
    ko: '<code>.text</code>: <code>lenet summary</code>의 출력',
  },

  'errors.title': { en: '8. Errors', ko: '8. 오류' },
  'errors.text': {
    en: `A bad argument throws at once, before anything runs: a <code>TypeError</code> for a value of the wrong kind,
      a <code>RangeError</code> for a wrong size or value. The message says what was expected, and the network stays
      usable.`,
    ko: `잘못된 인수를 주면 아무것도 계산하기 전에 바로 예외가 납니다. 값의 종류가 틀리면 <code>TypeError</code>, 크기나
      값이 틀리면 <code>RangeError</code>입니다. 메시지(영어)가 무엇을 기대했는지 알려 주고, 신경망은 그대로 계속 쓸 수
      있습니다.`,
  },
  'errors.call': { en: 'call', ko: '호출' },
  'errors.thrown': { en: 'thrown', ko: '예외' },
  'errors.none': { en: 'no error', ko: '오류 없음' },

  'empty.title': { en: '9. The empty canvas', ko: '9. 빈 캔버스' },
  'empty.text': {
    en: `A blank canvas is not an error: predict returns <code>empty: true</code>, <code>label: -1</code> and
      all-zero arrays without running the network, so a page can call it on every frame, before anything is drawn.
      Only the preprocessing decides this; with <code>{preprocess: false}</code> the network always runs.`,
    ko: `빈 캔버스는 오류가 아닙니다. predict는 신경망을 돌리지 않고 <code>empty: true</code>, <code>label: -1</code>,
      모두 0인 배열을 돌려줍니다. 그래서 아무것도 그리기 전부터 매 프레임 불러도 됩니다. 이 판단은 전처리가 하므로
      <code>{preprocess: false}</code>이면 신경망은 언제나 실행됩니다.`,
  },
  'empty.result': {
    en: '<code>r.empty</code> is {empty}, <code>r.label</code> is {label}, the largest probability is {max}.',
    ko: '<code>r.empty</code>는 {empty}, <code>r.label</code>은 {label}, 가장 큰 확률은 {max}입니다.',
  },

  'footer.source': {
    en: 'Every example on this page is written once, in <a href="api.js">api.js</a>, and shown from there.',
    ko: '이 페이지의 예제는 모두 <a href="api.js">api.js</a>에 한 번씩만 쓰여 있고, 화면의 코드도 거기서 가져옵니다.',
  },
};
