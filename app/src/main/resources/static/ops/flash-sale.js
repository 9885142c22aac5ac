// The operators' screen of one flash sale: GET /api/v1/flash-sales/{id} for the sale, then the live funnel
// (GET /api/v1/analytics/flash-sales/{id}/live, Server-Sent Events read with fetch so that the bearer token
// travels in a header), shown as figures and as a chart over time. No build step, no library.
(function () {
  'use strict';
  const saleId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop());
  const FIGURES = ['attempts', 'admitted', 'rejectedSoldOut', 'rejectedLimit', 'rateLimited', 'ordersPaid', 'ordersExpired'];
  const SERIES = [['attempts', '#3366cc'], ['admitted', '#2e9e5b'], ['remaining', '#d98a00']];
  const history = [];
  let watching = null;

  document.getElementById('sale-id').textContent = saleId;

  function status(text, error) {
    const element = document.getElementById('status');
    element.textContent = text;
    element.className = error ? 'error' : '';
  }

  function tokenFromFragment() {
    const match = /(?:^|&)token=([^&]+)/.exec(location.hash.replace(/^#/, ''));
    return match ? decodeURIComponent(match[1]) : null;
  }

  async function loadSale() {
    const response = await fetch('/api/v1/flash-sales/' + encodeURIComponent(saleId));
    if (!response.ok) {
      document.getElementById('sale').textContent = 'no such flash sale (' + response.status + ')';
      return;
    }
    const sale = await response.json();
    document.getElementById('sale').textContent = sale.quantity + ' units of ' + sale.productId + ' at ' + sale.price
      + ', ' + sale.startsAt + ' to ' + sale.endsAt + ' (' + sale.state + ')';
    document.getElementById('remaining').textContent = sale.remaining;
  }

  function show(update) {
    FIGURES.forEach(name => { document.getElementById(name).textContent = update.funnel[name]; });
    document.getElementById('remaining').textContent = update.remaining;
    history.push({ at: Date.parse(update.at), attempts: update.funnel.attempts, admitted: update.funnel.admitted,
      remaining: update.remaining });
    if (history.length > 600) {
      history.shift();
    }
    draw();
    status('live, ' + update.state.toLowerCase() + ', last update ' + new Date(update.at).toLocaleTimeString());
  }

  function draw() {
    const svg = document.getElementById('chart');
    const width = 800, height = 260, pad = 10;
    const first = history[0].at, last = Math.max(history[history.length - 1].at, first + 1000);
    const top = Math.max(1, ...history.map(point => Math.max(point.attempts, point.admitted, point.remaining)));
    const x = at => pad + (width - 2 * pad) * (at - first) / (last - first);
    const y = value => height - pad - (height - 2 * pad) * value / top;
    svg.innerHTML = SERIES.map(([name, colour]) => '<polyline data-series="' + name + '" fill="none" stroke="' + colour
      + '" stroke-width="2" points="' + history.map(point => x(point.at).toFixed(1) + ',' + y(point[name]).toFixed(1)).join(' ')
      + '"></polyline>').join('');
  }

  async function watch(token) {
    if (watching) {
      watching.abort();
    }
    watching = new AbortController();
    status('connecting…');
    let response;
    try {
      response = await fetch('/api/v1/analytics/flash-sales/' + encodeURIComponent(saleId) + '/live', {
        headers: { 'Authorization': 'Bearer ' + token, 'Accept': 'text/event-stream' }, signal: watching.signal });
    } catch (failure) {
      status('cannot reach the server: ' + failure, true);
      return;
    }
    if (!response.ok) {
      status(response.status === 401 || response.status === 403
        ? 'this token may not read analytics (' + response.status + ')' : 'the server answered ' + response.status, true);
      return;
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        status('the stream has ended (the sale is over, or the server went away)');
        return;
      }
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = message.split('\n').filter(line => line.startsWith('data:')).map(line => line.slice(5)).join('\n');
        if (data) {
          show(JSON.parse(data));
        }
      }
    }
  }

  document.getElementById('login').addEventListener('submit', event => {
    event.preventDefault();
    const token = document.getElementById('token').value.trim();
    if (token) {
      watch(token);
    }
  });

  loadSale();
  const token = tokenFromFragment();
  if (token) {
    watch(token);
  }
})();
