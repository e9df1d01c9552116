// Voxgate browser voice page: microphone -> AudioWorklet (16 kHz PCM16, 20 ms frames) ->
// WebSocket; agent audio <- WebSocket -> playback worklet with a jitter buffer. Protocol:
// docs/browser-protocol.md. Counters are exposed on `window.voxgate` for tests.

const WS_PATH = document.documentElement.dataset.wsPath || 'ws';

const stats = {
  state: 'idle',
  framesSent: 0,
  framesReceived: 0,
  bytesReceived: 0,
  clears: 0,
  played: 0,
  underruns: 0,
  callId: null,
  lastError: null,
  dtmfAcks: [],
  transcripts: 0,
  peakSent: 0,
  peakReceived: 0,
};

function peak(buf) {
  const pcm = new Int16Array(buf);
  let m = 0;
  for (let i = 0; i < pcm.length; i++) {
    const v = Math.abs(pcm[i]);
    if (v > m) m = v;
  }
  return m;
}
window.voxgate = stats;

const $ = (id) => document.getElementById(id);
let session = null;

function setStatus(text, state) {
  $('status').textContent = text;
  if (state) stats.state = state;
}

function addTranscript(role, text, isFinal) {
  const list = $('transcript');
  let li = list.lastElementChild;
  if (!li || !li.classList.contains('partial') || li.dataset.role !== role) {
    li = document.createElement('li');
    li.dataset.role = role;
    list.appendChild(li);
  }
  li.className = role === 'agent' ? 'agent' : 'caller';
  if (!isFinal) li.classList.add('partial');
  li.textContent = `${role === 'agent' ? 'Agent' : 'You'}: ${text}`;
  stats.transcripts++;
}

function wsUrl() {
  const u = new URL(WS_PATH, window.location.href);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.hash = '';
  u.search = '';
  return u.toString();
}

async function start() {
  const token = $('token').value.trim();
  if (!token) {
    setStatus('A session token is required', 'error');
    return;
  }
  const profile = $('profile').value.trim() || undefined;
  setStatus('Starting…', 'starting');
  $('toggle').textContent = 'Stop';

  const media = await navigator.mediaDevices.getUserMedia({
    audio: {
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: true,
      channelCount: 1,
    },
  });
  const ctx = new AudioContext({ latencyHint: 'interactive' });
  await ctx.audioWorklet.addModule('worklet.js');
  const source = ctx.createMediaStreamSource(media);
  const capture = new AudioWorkletNode(ctx, 'vg-capture', {
    numberOfInputs: 1,
    numberOfOutputs: 0,
    channelCount: 1,
    channelCountMode: 'explicit',
  });
  const playback = new AudioWorkletNode(ctx, 'vg-playback', {
    numberOfInputs: 0,
    numberOfOutputs: 1,
    outputChannelCount: [1],
    processorOptions: { targetMs: 60 },
  });
  playback.connect(ctx.destination);
  playback.port.onmessage = (e) => {
    stats.played = e.data.played;
    stats.underruns = e.data.underruns;
  };

  const ws = new WebSocket(wsUrl());
  ws.binaryType = 'arraybuffer';
  session = { ws, ctx, media, capture, playback, source, ready: false };

  ws.onopen = () => {
    ws.send(JSON.stringify({ type: 'start', token, profile, sample_rate: 16000 }));
  };
  ws.onmessage = (e) => {
    if (typeof e.data !== 'string') {
      stats.framesReceived++;
      stats.bytesReceived += e.data.byteLength;
      stats.peakReceived = Math.max(stats.peakReceived, peak(e.data));
      playback.port.postMessage(e.data, [e.data]);
      return;
    }
    let msg;
    try {
      msg = JSON.parse(e.data);
    } catch {
      return;
    }
    switch (msg.type) {
      case 'ready':
        session.ready = true;
        stats.callId = msg.call_id;
        source.connect(capture);
        setStatus('Connected: speak now', 'connected');
        break;
      case 'clear':
        stats.clears++;
        playback.port.postMessage('clear');
        break;
      case 'transcript':
        addTranscript(msg.role, msg.text, msg.final);
        break;
      case 'agent_state':
        setStatus(`Agent ${msg.state}`, 'connected');
        break;
      case 'dtmf':
        stats.dtmfAcks.push(msg.digit);
        break;
      case 'hangup':
        setStatus(`Call ended (${msg.reason})`, 'ended');
        break;
      case 'error':
        stats.lastError = msg.code;
        setStatus(`Error: ${msg.message}`, 'error');
        break;
      default:
        break;
    }
  };
  ws.onclose = () => {
    if (stats.state !== 'error') setStatus('Disconnected', 'ended');
    stop(false);
  };
  capture.port.onmessage = (e) => {
    if (session && session.ready && ws.readyState === WebSocket.OPEN) {
      stats.peakSent = Math.max(stats.peakSent, peak(e.data));
      ws.send(e.data);
      stats.framesSent++;
    }
  };
}

function stop(sendHangup = true) {
  const s = session;
  if (!s) return;
  session = null;
  if (sendHangup && s.ws.readyState === WebSocket.OPEN) {
    s.ws.send(JSON.stringify({ type: 'hangup' }));
  }
  try { s.ws.close(1000); } catch { /* already closed */ }
  s.capture.port.postMessage('stop');
  s.playback.port.postMessage('stop');
  s.media.getTracks().forEach((t) => t.stop());
  s.ctx.close();
  $('toggle').textContent = 'Start';
}

function init() {
  // A token may be handed over in the URL fragment (never sent to the server in a request).
  const frag = new URLSearchParams(window.location.hash.slice(1));
  if (frag.get('token')) $('token').value = frag.get('token');
  if (frag.get('profile')) $('profile').value = frag.get('profile');
  $('session-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (session) {
      stop(true);
      setStatus('Idle', 'idle');
    } else {
      start().catch((err) => {
        stats.lastError = String(err && err.name ? err.name : err);
        setStatus(`Could not start: ${stats.lastError}`, 'error');
        stop(false);
        $('toggle').textContent = 'Start';
      });
    }
  });
  $('keypad').addEventListener('click', (e) => {
    const digit = e.target && e.target.dataset && e.target.dataset.digit;
    if (digit && session && session.ready) {
      session.ws.send(JSON.stringify({ type: 'dtmf', digit }));
    }
  });
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', init);
} else {
  init();
}
