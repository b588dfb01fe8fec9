// Telling the mentor that someone started waiting, beyond the page itself: a browser notification
// and a short sound, each only when the mentor turned it on here (remembered on this device).
// A notification says the channel and "crisis" at most: nothing about the person.

const NOTIFY_KEY = 'mentor-console-notify';
const SOUND_KEY = 'mentor-console-sound';

let audio = null;

export function notificationsSupported() {
  return typeof window.Notification === 'function';
}

/** on only when the mentor chose it here and the browser allows it */
export function notificationsOn() {
  return notificationsSupported() && Notification.permission === 'granted' && localStorage.getItem(NOTIFY_KEY) === 'on';
}

export const notificationsBlocked = () => notificationsSupported() && Notification.permission === 'denied';

/** called from the mentor's click: the only place the browser is asked for permission */
export async function turnNotificationsOn() {
  if (!notificationsSupported()) return false;
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission !== 'granted') return false;
  localStorage.setItem(NOTIFY_KEY, 'on');
  return true;
}

export function turnNotificationsOff() {
  localStorage.setItem(NOTIFY_KEY, 'off');
}

export const soundOn = () => localStorage.getItem(SOUND_KEY) === 'on';

/** called from the mentor's click, which also lets the browser start the audio */
export function setSound(on) {
  localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
  if (on) audioContext()?.resume();
}

function audioContext() {
  const AudioContextClass = window.AudioContext ?? window.webkitAudioContext;
  if (!AudioContextClass) return null;
  audio ??= new AudioContextClass();
  return audio;
}

/** an ordinary wait: two soft, low notes. A crisis: three higher, louder notes, quicker */
const TONES = {
  waiting: { notes: [523, 659], gain: 0.08, length: 0.18, gap: 0.08, type: 'sine' },
  crisis: { notes: [880, 880, 1047], gain: 0.3, length: 0.14, gap: 0.05, type: 'square' },
};

export function playSound(kind) {
  const context = audioContext();
  if (!context) return;
  const tone = TONES[kind];
  let at = context.currentTime + 0.02;
  for (const frequency of tone.notes) {
    const oscillator = context.createOscillator();
    const volume = context.createGain();
    oscillator.type = tone.type;
    oscillator.frequency.value = frequency;
    volume.gain.setValueAtTime(tone.gain, at);
    // fade out, so a note ends without a click
    volume.gain.exponentialRampToValueAtTime(0.0001, at + tone.length);
    oscillator.connect(volume).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + tone.length);
    at += tone.length + tone.gap;
  }
}

/** one notification for the newest arrival; `tag` lets the next one replace it instead of piling up */
export function showNotification(title, body) {
  const notification = new Notification(title, {
    body,
    tag: 'mentor-console-waiting',
    lang: document.documentElement.lang,
  });
  notification.onclick = () => {
    window.focus();
    notification.close();
  };
}
