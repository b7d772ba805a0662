extension ReportPage {
    /// The page's script. It reads the data island and builds every element it
    /// adds with `createElement` and `textContent`: no value of the data is ever
    /// parsed as markup, and no element is found by a selector built from data.
    static let script: StaticString = #"""

(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var tables = new Map(data.tables.map(function (t) { return [t.id, t]; }));
  var details = new Map(data.details.map(function (d) { return [d.id, d]; }));
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  var PAGE = 25;

  // Every supplier's row of the suppliers table, for names and for details of suppliers off the map.
  var supplierRows = new Map();
  var nameColumn = -1, trustColumn = -1, baseColumn = -1, limitColumn = -1;
  var suppliers = tables.get('suppliers');
  if (suppliers) {
    var column = function (key) { return suppliers.columns.findIndex(function (c) { return c.key === key; }); };
    nameColumn = column('name'); trustColumn = column('trust'); baseColumn = column('base_trust'); limitColumn = column('limited_by');
    suppliers.rows.forEach(function (row) { supplierRows.set(row[suppliers.supplier], row); });
  }

  function make(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined && text !== null) element.textContent = text;
    return element;
  }

  function format(value, column) {
    if (value === null || value === undefined) return '—';
    switch (column.format) {
      case 'text': return String(value);
      case 'integer': return Number(value).toLocaleString('en');
      case 'percent': return (value * 100).toFixed(column.digits) + '%';
      case 'signed': return (value > 0 ? '+' : value < 0 ? '−' : '') + Math.abs(value).toFixed(column.digits);
      case 'significant': return value === 0 ? '0' : Number(value).toPrecision(column.digits);
      case 'figure': return Number.isInteger(value) ? String(value) : Number(value).toFixed(column.digits);
      default: return Number(value).toFixed(column.digits);
    }
  }

  // ---- Details panel
  var panel = document.getElementById('details');
  var lastFocus = null;

  function addFact(list, label, value) {
    list.appendChild(make('dt', null, label));
    list.appendChild(make('dd', null, value));
  }

  function showDetails(id) {
    var d = details.get(id);
    var row = supplierRows.get(id);
    panel.replaceChildren();
    var close = make('button', 'close', '✕');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', hideDetails);
    panel.appendChild(close);
    var name = d ? d.name : (row && nameColumn >= 0 ? row[nameColumn] : id);
    panel.appendChild(make('h3', null, name));
    panel.appendChild(make('p', 'details-id', id));
    var facts = make('dl');
    var trust = d ? d.trust : row && trustColumn >= 0 ? row[trustColumn] : null;
    var base = d ? d.base : row && baseColumn >= 0 ? row[baseColumn] : null;
    if (trust !== null) addFact(facts, 'Trust', Number(trust).toFixed(4));
    if (base !== null) addFact(facts, 'Base trust', Number(base).toFixed(4));
    if (row && limitColumn >= 0 && row[limitColumn]) addFact(facts, 'Limited by', row[limitColumn]);
    panel.appendChild(facts);
    if (d) {
      panel.appendChild(make('h4', null, 'Certificates'));
      if (d.certificates.length === 0) {
        panel.appendChild(make('p', null, 'None: base trust is the prior.'));
      } else {
        var list = make('ul', 'certificates');
        d.certificates.forEach(function (c) {
          var item = make('li');
          item.appendChild(make('strong', null, c[0]));
          item.appendChild(document.createTextNode(' — a(c) ' + Number(c[1]).toFixed(4) + ': ' + c[2]));
          list.appendChild(item);
        });
        panel.appendChild(list);
      }
      panel.appendChild(make('h4', null, 'Why this score'));
      panel.appendChild(make('pre', null, d.explanation));
    } else {
      panel.appendChild(make('p', null, 'Not on the map: `trustgraph explain` with this id prints the whole explanation.'));
    }
    panel.classList.add('open');
    document.body.classList.add('details-open');
    panel.setAttribute('aria-hidden', 'false');
    lastFocus = document.activeElement;
    close.focus({ preventScroll: true });
  }

  function hideDetails() {
    panel.classList.remove('open');
    document.body.classList.remove('details-open');
    panel.setAttribute('aria-hidden', 'true');
    if (lastFocus && lastFocus.focus) lastFocus.focus({ preventScroll: true });
  }

  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') hideDetails(); });

  // Rankings and table rows: a click or Enter opens the details.
  function supplierOf(element) {
    var host = element.closest ? element.closest('[data-supplier]') : null;
    return host ? host.dataset.supplier : null;
  }
  document.addEventListener('click', function (e) {
    if (e.target.closest('.map-viewport')) return;
    if (!e.target.closest('.ranking li, table.data tbody tr')) return;
    var id = supplierOf(e.target);
    if (id !== null) showDetails(id);
  });
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter') return;
    if (!e.target.closest || !e.target.closest('.ranking li, table.data tbody tr')) return;
    var id = supplierOf(e.target);
    if (id !== null) showDetails(id);
  });

  // ---- Tables: rows drawn a page at a time from the data
  document.querySelectorAll('table[data-table]').forEach(function (element) {
    var spec = tables.get(element.dataset.table);
    if (!spec) return;
    var body = element.tBodies[0];
    var block = element.closest('.table-block');
    var filter = block.querySelector('input[data-filter]');
    var count = block.querySelector('.table-count');
    var info = block.querySelector('.page-info');
    var buttons = block.querySelectorAll('.pager button');
    var headers = element.tHead.rows[0].cells;
    var state = { rows: spec.rows, page: 0, column: spec.sort, descending: spec.descending, query: '' };
    var keys = null;

    function compare(a, b) {
      var x = a[state.column], y = b[state.column];
      if (x === null || x === undefined) return (y === null || y === undefined) ? 0 : 1;
      if (y === null || y === undefined) return -1;
      var order = typeof x === 'number' ? x - y : collator.compare(x, y);
      return state.descending ? -order : order;
    }

    function apply() {
      var rows = spec.rows;
      if (state.query) {
        if (!keys) keys = spec.rows.map(function (row) {
          return spec.filter.map(function (k) { return row[k] === null ? '' : String(row[k]); }).join('\u0001').toLowerCase();
        });
        var q = state.query;
        rows = spec.rows.filter(function (row, k) { return keys[k].indexOf(q) !== -1; });
      } else {
        rows = rows.slice();
      }
      // A stable sort: equal rows keep the data's order.
      state.rows = rows.map(function (row, k) { return [row, k]; })
        .sort(function (a, b) { return compare(a[0], b[0]) || a[1] - b[1]; })
        .map(function (pair) { return pair[0]; });
      state.page = 0;
      draw();
    }

    function draw() {
      var total = state.rows.length;
      var pages = Math.max(1, Math.ceil(total / PAGE));
      state.page = Math.min(state.page, pages - 1);
      var start = state.page * PAGE;
      var shown = state.rows.slice(start, start + PAGE);
      var fragment = document.createDocumentFragment();
      shown.forEach(function (row) {
        var tr = make('tr');
        // A row about no supplier (a policy's portfolio finding) opens no details.
        if (spec.supplier !== null && typeof row[spec.supplier] === 'string') { tr.dataset.supplier = row[spec.supplier]; tr.tabIndex = 0; }
        spec.columns.forEach(function (column, k) {
          var td = make('td', column.format === 'text' ? null : 'num', format(row[k], column));
          if (column.key === 'trust' && typeof row[k] === 'number' && row[k] < data.threshold) td.classList.add('trust-low');
          if (column.format === 'signed' && typeof row[k] === 'number') td.classList.add(row[k] < 0 ? 'delta-neg' : row[k] > 0 ? 'delta-pos' : 'zero');
          tr.appendChild(td);
        });
        fragment.appendChild(tr);
      });
      if (shown.length === 0) {
        var tr = make('tr');
        var td = make('td', 'empty', state.query ? 'No row matches the filter.' : spec.empty);
        td.colSpan = spec.columns.length;
        tr.appendChild(td);
        fragment.appendChild(tr);
      }
      body.replaceChildren(fragment);
      count.textContent = state.query ? total.toLocaleString('en') + ' of ' + spec.rows.length.toLocaleString('en') + ' rows match'
                                      : total.toLocaleString('en') + (total === 1 ? ' row' : ' rows');
      info.textContent = total === 0 ? '' : 'Rows ' + (start + 1).toLocaleString('en') + '–' + (start + shown.length).toLocaleString('en')
        + ' of ' + total.toLocaleString('en');
      buttons[0].disabled = state.page === 0;
      buttons[1].disabled = state.page === 0;
      buttons[2].disabled = state.page >= pages - 1;
      buttons[3].disabled = state.page >= pages - 1;
      Array.prototype.forEach.call(headers, function (th, k) {
        th.setAttribute('aria-sort', k === state.column ? (state.descending ? 'descending' : 'ascending') : 'none');
      });
    }

    Array.prototype.forEach.call(headers, function (th, k) {
      th.querySelector('button').addEventListener('click', function () {
        if (state.column === k) { state.descending = !state.descending; }
        else { state.column = k; state.descending = spec.columns[k].format !== 'text' && spec.columns[k].key !== 'trust'; }
        apply();
      });
    });
    var timer = null;
    filter.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { state.query = filter.value.trim().toLowerCase(); apply(); }, spec.rows.length > 20000 ? 200 : 60);
    });
    buttons[0].addEventListener('click', function () { state.page = 0; draw(); });
    buttons[1].addEventListener('click', function () { state.page -= 1; draw(); });
    buttons[2].addEventListener('click', function () { state.page += 1; draw(); });
    buttons[3].addEventListener('click', function () { state.page = Number.MAX_SAFE_INTEGER; draw(); });
    draw();
  });

  // ---- Maps: pan, zoom, find, click for details
  document.querySelectorAll('figure.map').forEach(function (figure) {
    var viewport = figure.querySelector('.map-viewport');
    var svg = viewport.querySelector('svg');
    if (!svg) return;
    var base = svg.viewBox.baseVal;
    var home = { x: base.x, y: base.y, w: base.width, h: base.height };
    var view = Object.assign({}, home);
    // A wide map gets a lower frame: no empty band above and below it.
    var fitted = viewport.clientWidth * home.h / home.w;
    if (fitted > 0) viewport.style.height = Math.round(Math.max(360, Math.min(fitted + 16, window.innerHeight * 0.78))) + 'px';
    var nodes = Array.prototype.slice.call(svg.querySelectorAll('g[data-supplier]'));
    var status = figure.querySelector('.map-status');
    var selected = null;

    function apply() { svg.setAttribute('viewBox', view.x + ' ' + view.y + ' ' + view.w + ' ' + view.h); }
    function toMap(clientX, clientY) {
      var point = svg.createSVGPoint();
      point.x = clientX; point.y = clientY;
      return point.matrixTransform(svg.getScreenCTM().inverse());
    }
    function zoom(factor, centre) {
      var w = Math.min(home.w * 4, Math.max(home.w / 40, view.w * factor));
      var f = w / view.w;
      view.x = centre.x - (centre.x - view.x) * f;
      view.y = centre.y - (centre.y - view.y) * f;
      view.w = w; view.h = view.h * f;
      apply();
    }
    function middle() { return { x: view.x + view.w / 2, y: view.y + view.h / 2 }; }

    viewport.addEventListener('wheel', function (e) {
      e.preventDefault();
      zoom(Math.pow(1.0015, e.deltaY), toMap(e.clientX, e.clientY));
    }, { passive: false });

    var drag = null;
    viewport.addEventListener('pointerdown', function (e) {
      if (e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, view: Object.assign({}, view), moved: false, id: e.pointerId };
    });
    viewport.addEventListener('pointermove', function (e) {
      if (!drag) return;
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      if (!drag.moved) { drag.moved = true; viewport.setPointerCapture(drag.id); viewport.classList.add('dragging'); }
      var scale = svg.getScreenCTM().a;
      view.x = drag.view.x - dx / scale;
      view.y = drag.view.y - dy / scale;
      apply();
    });
    function endDrag() {
      if (drag && drag.moved) {
        viewport.classList.remove('dragging');
        // The click that ends a drag is not a click on a supplier.
        viewport.addEventListener('click', function swallow(e) { e.stopPropagation(); }, { capture: true, once: true });
      }
      drag = null;
    }
    viewport.addEventListener('pointerup', endDrag);
    viewport.addEventListener('pointercancel', endDrag);

    function select(node) {
      if (selected) selected.classList.remove('is-selected');
      selected = node;
      if (node) node.classList.add('is-selected');
    }
    viewport.addEventListener('click', function (e) {
      var node = e.target.closest('g[data-supplier]');
      if (!node) return;
      select(node);
      showDetails(node.dataset.supplier);
    });

    function centre(node) {
      var box = node.getBBox();
      var matrix = svg.getScreenCTM().inverse().multiply(node.getScreenCTM());
      var point = svg.createSVGPoint();
      point.x = box.x + box.width / 2; point.y = box.y + box.height / 2;
      var c = point.matrixTransform(matrix);
      var w = Math.min(home.w, Math.max(box.width * 8, 500));
      var h = w * home.h / home.w;
      view = { x: c.x - w / 2, y: c.y - h / 2, w: w, h: h };
      apply();
    }

    figure.querySelectorAll('button[data-zoom]').forEach(function (button) {
      button.addEventListener('click', function () {
        var how = button.dataset.zoom;
        if (how === 'fit') { view = Object.assign({}, home); apply(); }
        else zoom(how === 'in' ? 1 / 1.4 : 1.4, middle());
      });
    });

    var search = figure.querySelector('input[data-map-search]');
    if (search) {
      search.addEventListener('change', function () {
        var q = search.value.trim();
        var lower = q.toLowerCase();
        status.textContent = '';
        if (!q) return;
        function nameOf(node) {
          var row = supplierRows.get(node.dataset.supplier);
          var d = details.get(node.dataset.supplier);
          return d ? d.name : row && nameColumn >= 0 ? row[nameColumn] : '';
        }
        var found = nodes.find(function (n) { return n.dataset.supplier === q; })
          || nodes.find(function (n) { return nameOf(n).toLowerCase() === lower; })
          || nodes.find(function (n) { return n.dataset.supplier.toLowerCase().indexOf(lower) !== -1 || nameOf(n).toLowerCase().indexOf(lower) !== -1; });
        if (!found) { status.textContent = 'Not on this map.'; return; }
        select(found);
        centre(found);
        showDetails(found.dataset.supplier);
      });
    }
  });
})();

"""#
}
