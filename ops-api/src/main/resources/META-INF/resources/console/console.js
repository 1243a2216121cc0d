// The console's only script (the Content-Security-Policy allows no inline script). Without it every page works;
// with it: times in the moderator's own time zone, and keys to work through a list.
(function () {
  'use strict';

  // Times: the server writes UTC; here they become "12 min ago" with the exact local time on hover.
  function ago(date) {
    const minutes = Math.floor((Date.now() - date.getTime()) / 60000);
    if (minutes < -1) { return 'in the future'; }
    if (minutes < 1) { return 'just now'; }
    if (minutes < 60) { return minutes + ' min ago'; }
    if (minutes < 48 * 60) { return Math.floor(minutes / 60) + ' h ' + (minutes % 60) + ' min ago'; }
    return Math.floor(minutes / (24 * 60)) + ' days ago';
  }
  document.querySelectorAll('time[datetime]').forEach(function (time) {
    const date = new Date(time.getAttribute('datetime'));
    if (isNaN(date.getTime())) { return; }
    // timeStyle 'long' names the time zone (dateStyle/timeStyle cannot be mixed with timeZoneName).
    try {
      time.title = date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'long' });
    } catch (e) {
      time.title = date.toString();
    }
    time.textContent = ago(date);
  });

  // Keys on a list: j / k move between items, a approves (or publishes), h hides (or rejects), x selects,
  // u undoes the last action. The position is kept across the action's page load.
  const items = Array.from(document.querySelectorAll('.item'));
  const place = 'console-position:' + location.pathname;
  function focusAt(index) {
    if (items.length === 0) { return; }
    const item = items[Math.max(0, Math.min(index, items.length - 1))];
    item.focus();
    item.scrollIntoView({ block: 'nearest' });
  }
  function current() {
    return items.findIndex(function (item) { return item.contains(document.activeElement); });
  }
  // Tells a test (and a curious reader of the DOM) that the keys are on.
  document.documentElement.dataset.keys = 'on';
  const kept = sessionStorage.getItem(place);
  if (kept !== null) {
    sessionStorage.removeItem(place);
    focusAt(parseInt(kept, 10));
  }
  document.addEventListener('submit', function (event) {
    const index = items.findIndex(function (item) { return item.contains(event.target) || item.contains(document.activeElement); });
    sessionStorage.setItem(place, String(Math.max(0, index)));
  });
  document.addEventListener('keydown', function (event) {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || target.isContentEditable
        || (target.closest && target.closest('textarea, select, input:not([type=checkbox])'))) {
      return;
    }
    const index = current();
    const item = index < 0 ? null : items[index];
    const click = function (selector) {
      const button = item && item.querySelector(selector);
      if (button) { event.preventDefault(); button.click(); }
    };
    switch (event.key) {
      case 'j': event.preventDefault(); focusAt(index + 1); break;
      case 'k': event.preventDefault(); focusAt(index < 0 ? 0 : index - 1); break;
      case 'a': click('button.approve'); break;
      case 'h': click('button.hide'); break;
      case 'x': {
        const box = item && item.querySelector('input[type=checkbox]');
        if (box) { event.preventDefault(); box.checked = !box.checked; }
        break;
      }
      case 'u': {
        const undo = document.getElementById('undo');
        if (undo) { event.preventDefault(); undo.click(); }
        break;
      }
      default: break;
    }
  });
})();
