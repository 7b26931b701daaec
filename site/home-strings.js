// The home page's strings (index.html), in English and Korean. index.html
// marks each element with its key (data-i18n) and holds the English text;
// the Korean uses the lecture's terms as the lecture writes them.
export const STRINGS = {
  'title': {
    en: 'seecnn — watch a convolutional network think',
    ko: 'seecnn — 컨볼루션 신경망이 생각하는 과정을 눈으로 보기',
  },
  'description': {
    en: 'Draw a digit and watch every layer of LeNet-5 respond: convolution, pooling, feature maps and class scores, in English and Korean.',
    ko: '숫자를 그리면 LeNet-5의 모든 층이 반응합니다. 컨볼루션, 풀링, 특징 맵, 클래스 점수를 영어와 한국어로 살펴보세요.',
  },
  'top.sub': {
    en: 'watch a convolutional network think',
    ko: '컨볼루션 신경망이 생각하는 과정을 눈으로 보기',
  },
  'nav.label': { en: 'Pages', ko: '페이지' },
  'nav.app': { en: 'Full-window demo', ko: '데모만 크게 보기' },
  'nav.api': { en: 'JavaScript API', ko: 'JavaScript API' },
  'nav.embed': { en: 'Embed builder', ko: '데모 넣기 도우미' },
  'nav.docs': { en: 'Manual', ko: '설명서' },
  'lang.label': { en: 'Language', ko: '언어' },

  'demo.title': { en: 'Draw a digit', ko: '숫자를 그려 보세요' },
  'demo.text': {
    en: `Draw a digit from 0 to 9 on the white pad with a mouse, a finger or a pen. The LeNet-5 of the lecture
      (C-P-C-P-C-FC-FC, 61,706 parameters) reads it as you draw. Point at any square of any feature map to
      see its receptive field and how its value was computed.`,
    ko: `흰 패드에 마우스나 손가락, 펜으로 0부터 9까지 숫자를 하나 그려 보세요. 강의에서 배운 LeNet-5(C-P-C-P-C-FC-FC,
      매개변수 61,706개)가 그리는 동안 바로 읽어 냅니다. 특징 맵의 칸을 아무거나 가리키면 그 칸의 수용장과 값을 계산한
      과정이 나타납니다.`,
  },
  'demo.frame': { en: 'LeNet-5 drawing demo', ko: 'LeNet-5 숫자 그리기 데모' },
  'demo.live': {
    en: 'From the demo, by <code>postMessage</code>:',
    ko: '데모가 <code>postMessage</code>로 보낸 예측:',
  },
  'demo.none': { en: 'no prediction yet', ko: '아직 예측 없음' },

  'train.title': { en: 'Watch it learn', ko: '학습 과정 보기' },
  'train.text': {
    en: `The same LeNet-5, trained in your browser from random weights: the loss falls, the accuracy
      climbs and C1's and C3's kernels take shape, in about a minute, while you watch. Then teach the demo your own
      handwriting: keep the digits it misreads with the digit they are, and fine-tune it on them.`,
    ko: `같은 LeNet-5를 브라우저에서 무작위 가중치부터 학습시킵니다. 손실이 줄고 정확도가 오르며 C1과 C3의 커널이
      모양을 갖추어 가는 과정을 1분 남짓 지켜볼 수 있습니다. 그다음 데모에게 내 손글씨를 가르쳐 보세요. 잘못 읽은
      숫자를 원래 숫자와 함께 보관하고 그 그림들로 미세 조정합니다.`,
  },
  'train.link': { en: 'Open the training view', ko: '학습 화면 열기' },

  'what.title': { en: 'What you see', ko: '화면에 보이는 것' },
  'what.canvas': {
    en: '<b>The canvas.</b> Your drawing; the blue box is the ink\'s bounding box.',
    ko: '<b>캔버스.</b> 직접 그린 그림입니다. 파란 상자는 잉크를 감싸는 경계 상자입니다.',
  },
  'what.28': {
    en: '<b>28×28.</b> The box scaled so its longer side is 20 pixels, centred by its centre of mass — how MNIST was made.',
    ko: '<b>28×28.</b> 긴 변이 20픽셀이 되도록 상자를 줄이고 무게중심이 한가운데 오게 옮깁니다. MNIST를 만든 방법 그대로입니다.',
  },
  'what.32': {
    en: '<b>32×32.</b> Padded by 2: what the network sees.',
    ko: '<b>32×32.</b> 가장자리에 2픽셀씩 덧대기를 한 것으로, 신경망이 실제로 보는 입력입니다.',
  },
  'what.c1': {
    en: '<b>C1</b> 6 feature maps 28×28: six 5×5 kernels slid over the input, stride 1, no padding, ReLU.',
    ko: '<b>C1</b> 28×28 특징 맵 6개: 5×5 커널 6개를 입력 위로 밀며 계산합니다(보폭 1, 덧대기 안 함, ReLU).',
  },
  'what.s2': {
    en: '<b>S2</b> max pooling 2×2, stride 2 → 6@14×14.',
    ko: '<b>S2</b> 2×2 최대 풀링, 보폭 2 → 6@14×14.',
  },
  'what.c3': {
    en: '<b>C3</b> 16 kernels 6×5×5 → 16@10×10, then <b>S4</b> → 16@5×5.',
    ko: '<b>C3</b> 6×5×5 커널 16개 → 16@10×10, 이어서 <b>S4</b> → 16@5×5.',
  },
  'what.fc': {
    en: '<b>C5</b> 120 units (16×5×5 kernels), <b>F6</b> 84 units, and the ten class probabilities, the softmax of the scores the Output layer computes.',
    ko: '<b>C5</b> 유닛 120개(16×5×5 커널), <b>F6</b> 유닛 84개, 그리고 Output 층이 계산한 점수에 소프트맥스를 적용한 열 개 클래스의 확률.',
  },
  'what.colours': {
    en: `Colours: white is zero, <span class="pos">red</span> positive, <span class="neg">blue</span> negative, scaled per layer
      (the legend shows the layer's largest value). Every unit is a linear combination of its receptive field and a
      kernel, plus a bias, through an activation: point at it to see the numbers.`,
    ko: `색: 흰색은 0, <span class="pos">빨간색</span>은 양수, <span class="neg">파란색</span>은 음수이고, 층마다 따로 척도를
      맞춥니다(범례에 그 층의 가장 큰 값이 나옵니다). 모든 유닛은 수용장과 커널의 선형 결합에 바이어스를 더해 활성화 함수를
      거친 값입니다. 유닛을 가리키면 실제 숫자로 계산을 보여 줍니다.`,
  },

  'keys.title': { en: 'Keyboard', ko: '키보드' },
  'keys.first': { en: 'Click the demo first, then:', ko: '먼저 데모를 한 번 클릭한 뒤:' },
  'keys.clear.k': {
    en: '<kbd>C</kbd> or <kbd>Delete</kbd>',
    ko: '<kbd>C</kbd> 또는 <kbd>Delete</kbd>',
  },
  'keys.clear': { en: 'clear the pad', ko: '패드 지우기' },
  'keys.undo.k': {
    en: '<kbd>U</kbd>, <kbd>Backspace</kbd> or <kbd>Ctrl</kbd>+<kbd>Z</kbd>',
    ko: '<kbd>U</kbd>, <kbd>Backspace</kbd> 또는 <kbd>Ctrl</kbd>+<kbd>Z</kbd>',
  },
  'keys.undo': { en: 'undo the last stroke', ko: '마지막 획 되돌리기' },
  'keys.sample.k': {
    en: '<kbd>S</kbd> / <kbd>P</kbd> (or <kbd>→</kbd> / <kbd>←</kbd>)',
    ko: '<kbd>S</kbd> / <kbd>P</kbd> (또는 <kbd>→</kbd> / <kbd>←</kbd>)',
  },
  'keys.sample': { en: 'next / previous MNIST sample digit', ko: '다음 / 이전 MNIST 예제 숫자' },
  'keys.digit': { en: 'a sample of that digit', ko: '그 숫자의 예제' },
  'keys.brush': { en: 'brush size', ko: '붓 크기' },
  'keys.tab': {
    en: 'move between buttons, press one, drop the selection',
    ko: '버튼 사이 이동, 버튼 누르기, 선택 해제',
  },

  'embed.title': { en: 'Put it on a course page', ko: '강의 페이지에 넣기' },
  'embed.copy': {
    en: `<code>./build.sh dist</code> writes the site to <code>dist/site</code>: copy it to any static host
      (it makes no request to another site) and embed the demo in your page:`,
    ko: `<code>./build.sh dist</code>가 사이트를 <code>dist/site</code>에 만듭니다. 이 폴더를 아무 정적 호스트에나 복사하고
      (다른 사이트로는 어떤 요청도 보내지 않습니다) 페이지에 데모를 넣으세요:`,
  },
  'embed.builder': {
    en: `<a href="embed.html">The embed builder</a> writes this snippet for any view,
      language and parameter, with a live preview.`,
    ko: `<a href="embed.html">데모 넣기 도우미</a>가 어떤 화면, 언어, 매개변수로든 이 코드를 만들어 주고
      바로 미리 보여 줍니다.`,
  },
  'embed.manual': {
    en: 'Every parameter and message: <a href="docs/embedding.html">Embedding</a>, in the <a href="docs/index.html">manual</a>.',
    ko: '모든 매개변수와 메시지는 <a href="docs/index.html">설명서</a>의 <a href="docs/embedding.html">Embedding</a> 쪽에 있습니다.',
  },
  'embed.messages': {
    en: `The frame talks with your page across origins: it tells it when it is ready, every
      prediction and the height its content wants, and takes commands (clear, a sample, a picture, the language).
      <code>embed.js</code> does both sides' work:`,
    ko: `프레임은 출처(origin)가 달라도 페이지와 주고받습니다. 준비가 끝났을 때, 예측이 나올 때마다, 내용에 맞는 높이를
      알려 주고, 명령(지우기, 예제, 그림, 언어)을 받습니다. <code>embed.js</code>가 양쪽 일을 해 줍니다:`,
  },
  'embed.demo': {
    en: `import { attach } from 'https://YOUR-HOST/embed.js';
const demo = attach(document.getElementById('lenet-demo'));
await demo.ready;               // the first frame is drawn
demo.on('prediction', ({ label, probs }) => console.log(label));
await demo.sample(7);           // MNIST test digits 0 … 99`,
    ko: `import { attach } from 'https://YOUR-HOST/embed.js';
const demo = attach(document.getElementById('lenet-demo'));
await demo.ready;               // 첫 화면을 그렸음
demo.on('prediction', ({ label, probs }) => console.log(label));
await demo.sample(7);           // MNIST 테스트 숫자 0 … 99`,
  },

  'views.title': { en: 'Lecture views', ko: '강의 보기' },
  'views.conv': {
    en: 'Convolution and correlation, padding, stride',
    ko: '컨볼루션과 교차상관, 덧대기, 보폭',
  },
  'views.pool': { en: 'Max and average pooling', ko: '최대 풀링과 평균 풀링' },
  'views.cost': {
    en: 'Parameters, connections and cost of LeNet-5',
    ko: 'LeNet-5의 매개변수, 연결, 계산량',
  },
  'views.rf': { en: 'Receptive fields through depth', ko: '층이 깊어질수록 넓어지는 수용장' },
  'views.quiz': { en: 'Exercises', ko: '연습 문제' },

  'footer': {
    en: 'Everything runs in your browser in Go compiled to WebAssembly; nothing you draw leaves the page.',
    ko: '모든 계산은 WebAssembly로 컴파일한 Go 코드가 브라우저 안에서 합니다. 그린 그림은 페이지 밖으로 나가지 않습니다.',
  },
};
