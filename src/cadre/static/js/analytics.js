// 统计分析: ECharts dashboards and the combined-query condition builder.
// Data arrive in <script type="application/json"> blocks (json_script); no inline scripts (CSP).
(function () {
  "use strict";

  function readJSON(id) {
    var node = document.getElementById(id);
    if (!node) return null;
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  // ---- charts ------------------------------------------------------------------------
  var COLORS = ["#b71c1c", "#1f4e8c", "#2e7d32", "#b26a00", "#6a1b9a", "#00838f", "#5d4037",
                "#c2185b", "#455a64", "#827717"];

  function go(link) { if (link) window.location.href = link; }

  function pyramid(chart, section) {
    var labels = section.bands.map(function (b) { return b.label; });
    chart.setOption({
      color: ["#1f4e8c", "#b71c1c"],
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" },
        valueFormatter: function (v) { return Math.abs(v) + "人"; } },
      legend: { data: ["男", "女"] },
      grid: { left: 80, right: 20, top: 30, bottom: 20 },
      xAxis: { type: "value", axisLabel: { formatter: function (v) { return Math.abs(v); } } },
      yAxis: { type: "category", data: labels, axisTick: { show: false } },
      series: [
        { name: "男", type: "bar", stack: "g", data: section.bands.map(function (b) { return -b.men; }) },
        { name: "女", type: "bar", stack: "g", data: section.bands.map(function (b) { return b.women; }) }
      ]
    });
    chart.on("click", function (p) {
      var band = section.bands[p.dataIndex];
      go(p.seriesName === "男" ? band.men_link : band.women_link);
    });
  }

  function pie(chart, section) {
    chart.setOption({
      color: COLORS,
      tooltip: { trigger: "item", formatter: "{b}：{c}人（{d}%）" },
      series: [{ type: "pie", radius: ["35%", "65%"],
        data: section.rows.map(function (r) { return { name: r.label, value: r.value }; }) }]
    });
    chart.on("click", function (p) { go(section.rows[p.dataIndex].link); });
  }

  function bar(chart, section) {
    chart.setOption({
      color: COLORS,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 50, right: 20, top: 20, bottom: 60 },
      xAxis: { type: "category", data: section.rows.map(function (r) { return r.label; }),
        axisLabel: { interval: 0, rotate: section.rows.length > 6 ? 30 : 0 } },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", data: section.rows.map(function (r) { return r.value; }),
        label: { show: true, position: "top" } }]
    });
    chart.on("click", function (p) { go(section.rows[p.dataIndex].link); });
  }

  function trend(chart, points) {
    chart.setOption({
      color: ["#1f4e8c", "#b71c1c"],
      tooltip: { trigger: "axis" },
      legend: { data: ["在职人数", "平均年龄"] },
      grid: { left: 50, right: 50, top: 40, bottom: 30 },
      xAxis: { type: "category", data: points.map(function (t) { return t.year + "年末"; }) },
      yAxis: [{ type: "value", name: "人", minInterval: 1 }, { type: "value", name: "岁", scale: true }],
      series: [
        { name: "在职人数", type: "bar", data: points.map(function (t) { return t.count; }) },
        { name: "平均年龄", type: "line", yAxisIndex: 1, data: points.map(function (t) { return t.avg_age; }) }
      ]
    });
  }

  function drawCharts() {
    var data = readJSON("an-structure-data");
    if (!data || typeof window.echarts === "undefined") return;
    var byKey = {};
    data.sections.forEach(function (s) { byKey[s.key] = s; });
    var charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (node) {
      var key = node.getAttribute("data-chart");
      var chart = window.echarts.init(node, null, { renderer: "canvas" });
      charts.push(chart);
      if (key === "trend") { trend(chart, data.trend); return; }
      var section = byKey[key];
      if (!section) return;
      if (section.chart === "pyramid") pyramid(chart, section);
      else if (section.chart === "pie") pie(chart, section);
      else bar(chart, section);
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  }

  // ---- condition builder ---------------------------------------------------------------
  function Builder(root, registry, initial) {
    this.root = root;
    this.fields = {};
    var self = this;
    registry.fields.forEach(function (f) { self.fields[f.key] = f; });
    this.registry = registry;
    this.query = initial && initial.conditions ? initial : { op: "and", conditions: [] };
    this.text = document.getElementById(root.getAttribute("data-target"));
    this.save = document.getElementById("an-save-query");
    this.render();
  }

  Builder.prototype.sync = function () {
    var json = JSON.stringify(this.query, null, 2);
    if (this.text) this.text.value = json;
    if (this.save) this.save.value = json;
  };

  Builder.prototype.render = function () {
    this.root.innerHTML = "";
    this.root.appendChild(this.group(this.query, null));
    this.sync();
  };

  Builder.prototype.fieldSelect = function (cond) {
    var select = el("select", { "aria-label": "查询字段" });
    var groups = {};
    this.registry.fields.forEach(function (f) {
      if (!groups[f.group]) { groups[f.group] = el("optgroup", { label: f.group }); select.appendChild(groups[f.group]); }
      var opt = el("option", { value: f.key, text: f.label });
      if (f.key === cond.field) opt.selected = true;
      groups[f.group].appendChild(opt);
    });
    return select;
  };

  Builder.prototype.defaultValue = function (field, op) {
    if (op === "empty" || op === "not_empty") return undefined;
    if (field.type === "appointment") return { title_contains: "" };
    if (field.type === "bool") return true;
    if (op === "in" || op === "not_in") return field.choices.length ? [String(field.choices[0][0])] : [];
    if (op === "between") return field.type === "date" ? ["", ""] : [0, 0];
    if (field.type === "code") return field.choices.length ? field.choices[0][0] : "";
    if (field.type === "int" || field.type === "level") return field.choices.length ? field.choices[0][0] : 0;
    return "";
  };

  Builder.prototype.valueInput = function (field, cond) {
    var self = this;
    var op = cond.op;
    var wrap = el("span", { className: "an-value" });
    function changed() { self.sync(); }
    if (op === "empty" || op === "not_empty") return wrap;
    if (field.type === "appointment") {
      this.registry.appointment_parts.forEach(function (part) {
        var value = cond.value[part.key];
        var input;
        if (part.type === "bool") {
          input = el("select", { "aria-label": part.label });
          [["", "不限"], ["true", "是"], ["false", "否"]].forEach(function (o) {
            var opt = el("option", { value: o[0], text: o[1] });
            if (String(value === undefined ? "" : value) === o[0]) opt.selected = true;
            input.appendChild(opt);
          });
          input.addEventListener("change", function () {
            if (input.value === "") delete cond.value[part.key]; else cond.value[part.key] = input.value === "true";
            changed();
          });
        } else if (part.type === "codes") {
          input = el("select", { multiple: "multiple", "aria-label": part.label, size: "3" });
          part.choices.forEach(function (c) {
            var opt = el("option", { value: c[0], text: c[1] });
            if ((value || []).indexOf(c[0]) >= 0) opt.selected = true;
            input.appendChild(opt);
          });
          input.addEventListener("change", function () {
            var chosen = Array.prototype.filter.call(input.options, function (o) { return o.selected; })
              .map(function (o) { return o.value; });
            if (chosen.length) cond.value[part.key] = chosen; else delete cond.value[part.key];
            changed();
          });
        } else {
          input = el("input", { type: part.type === "int" ? "number" : (part.type === "date" ? "date" : "text"),
            "aria-label": part.label, placeholder: part.label, value: value === undefined ? "" : value });
          input.addEventListener("input", function () {
            var v = input.value.trim();
            if (v === "") delete cond.value[part.key];
            else cond.value[part.key] = part.type === "int" ? parseInt(v, 10) : v;
            changed();
          });
        }
        wrap.appendChild(el("label", { className: "an-part" }, [el("span", { text: part.label }), input]));
      });
      return wrap;
    }
    function scalar(current, set) {
      var input;
      if (field.type === "bool") {
        input = el("select", { "aria-label": "值" });
        [["true", "是"], ["false", "否"]].forEach(function (o) {
          var opt = el("option", { value: o[0], text: o[1] });
          if (String(current) === o[0]) opt.selected = true;
          input.appendChild(opt);
        });
        input.addEventListener("change", function () { set(input.value === "true"); changed(); });
      } else if (field.choices.length) {
        input = el("select", { "aria-label": "值" });
        field.choices.forEach(function (c) {
          var opt = el("option", { value: c[0], text: c[1] });
          if (String(current) === String(c[0])) opt.selected = true;
          input.appendChild(opt);
        });
        input.addEventListener("change", function () {
          set(field.type === "level" ? parseInt(input.value, 10) : input.value); changed();
        });
      } else {
        var kind = field.type === "int" ? "number" : (field.type === "date" ? "date" : "text");
        input = el("input", { type: kind, "aria-label": "值", value: current === undefined ? "" : current });
        input.addEventListener("input", function () {
          set(kind === "number" ? parseInt(input.value, 10) : input.value); changed();
        });
      }
      return input;
    }
    if (op === "in" || op === "not_in") {
      var multi = el("select", { multiple: "multiple", size: "4", "aria-label": "值（可多选）" });
      field.choices.forEach(function (c) {
        var opt = el("option", { value: c[0], text: c[1] });
        if ((cond.value || []).map(String).indexOf(String(c[0])) >= 0) opt.selected = true;
        multi.appendChild(opt);
      });
      multi.addEventListener("change", function () {
        cond.value = Array.prototype.filter.call(multi.options, function (o) { return o.selected; })
          .map(function (o) { return field.type === "level" ? parseInt(o.value, 10) : o.value; });
        changed();
      });
      wrap.appendChild(multi);
    } else if (op === "between") {
      wrap.appendChild(scalar(cond.value[0], function (v) { cond.value[0] = v; }));
      wrap.appendChild(el("span", { text: "至" }));
      wrap.appendChild(scalar(cond.value[1], function (v) { cond.value[1] = v; }));
    } else {
      wrap.appendChild(scalar(cond.value, function (v) { cond.value = v; }));
    }
    field.options.forEach(function (o) {
      var input;
      if (o.type === "code") {
        input = el("select", { "aria-label": o.label });
        input.appendChild(el("option", { value: "", text: o.label }));
        var choices = o.choices || [];
        choices.forEach(function (c) {
          var opt = el("option", { value: c[0], text: c[1] });
          if (cond[o.key] === c[0]) opt.selected = true;
          input.appendChild(opt);
        });
        input.addEventListener("change", function () {
          if (input.value) cond[o.key] = input.value; else delete cond[o.key];
          changed();
        });
      } else {
        input = el("input", { type: "number", min: String(o.min), max: String(o.max), placeholder: o.label,
          "aria-label": o.label, value: cond[o.key] === undefined ? (o.default || "") : cond[o.key] });
        if (cond[o.key] === undefined && o.default) cond[o.key] = o.default;
        input.addEventListener("input", function () {
          if (input.value === "") delete cond[o.key]; else cond[o.key] = parseInt(input.value, 10);
          changed();
        });
      }
      wrap.appendChild(el("label", { className: "an-part" }, [el("span", { text: o.label }), input]));
    });
    return wrap;
  };

  Builder.prototype.condition = function (cond, parent) {
    var self = this;
    if (!this.fields[cond.field]) cond.field = this.registry.fields[0].key;
    var field = this.fields[cond.field];
    if (field.ops.map(function (o) { return o[0]; }).indexOf(cond.op) < 0) {
      cond.op = field.ops[0][0];
      cond.value = this.defaultValue(field, cond.op);
    }
    var row = el("div", { className: "an-cond" });
    var fsel = this.fieldSelect(cond);
    fsel.addEventListener("change", function () {
      var f = self.fields[fsel.value];
      Object.keys(cond).forEach(function (k) { delete cond[k]; });
      cond.field = f.key; cond.op = f.ops[0][0]; cond.value = self.defaultValue(f, cond.op);
      if (cond.value === undefined) delete cond.value;
      self.render();
    });
    var osel = el("select", { "aria-label": "运算" });
    field.ops.forEach(function (o) {
      var opt = el("option", { value: o[0], text: o[1] });
      if (o[0] === cond.op) opt.selected = true;
      osel.appendChild(opt);
    });
    osel.addEventListener("change", function () {
      cond.op = osel.value;
      var v = self.defaultValue(field, cond.op);
      if (v === undefined) delete cond.value; else cond.value = v;
      self.render();
    });
    var remove = el("button", { type: "button", className: "linklike", text: "删除" });
    remove.addEventListener("click", function () {
      parent.conditions.splice(parent.conditions.indexOf(cond), 1);
      self.render();
    });
    row.appendChild(fsel); row.appendChild(osel); row.appendChild(this.valueInput(field, cond));
    row.appendChild(remove);
    if (field.help) row.appendChild(el("small", { className: "muted", text: field.help }));
    return row;
  };

  Builder.prototype.group = function (group, parent) {
    var self = this;
    var box = el("div", { className: "an-group" });
    var head = el("div", { className: "an-group-head" });
    var op = el("select", { "aria-label": "条件关系" });
    [["and", "满足全部条件（并且）"], ["or", "满足任一条件（或者）"]].forEach(function (o) {
      var opt = el("option", { value: o[0], text: o[1] });
      if ((group.op || "and") === o[0]) opt.selected = true;
      op.appendChild(opt);
    });
    op.addEventListener("change", function () { group.op = op.value; self.sync(); });
    var neg = el("label", {}, [el("input", { type: "checkbox" }), el("span", { text: "取反（不满足）" })]);
    neg.firstChild.checked = !!group.not;
    neg.firstChild.addEventListener("change", function () {
      if (neg.firstChild.checked) group.not = true; else delete group.not;
      self.sync();
    });
    head.appendChild(op); head.appendChild(neg);
    if (parent) {
      var drop = el("button", { type: "button", className: "linklike", text: "删除条件组" });
      drop.addEventListener("click", function () {
        parent.conditions.splice(parent.conditions.indexOf(group), 1); self.render();
      });
      head.appendChild(drop);
    }
    box.appendChild(head);
    group.conditions.forEach(function (item) {
      box.appendChild(item.conditions ? self.group(item, group) : self.condition(item, group));
    });
    var add = el("button", { type: "button", className: "btn btn-plain", text: "＋ 条件" });
    add.addEventListener("click", function () {
      var f = self.registry.fields[0];
      var cond = { field: f.key, op: f.ops[0][0], value: self.defaultValue(f, f.ops[0][0]) };
      group.conditions.push(cond); self.render();
    });
    var addGroup = el("button", { type: "button", className: "btn btn-plain", text: "＋ 条件组" });
    addGroup.addEventListener("click", function () {
      var f = self.registry.fields[0];
      group.conditions.push({ op: "or", conditions: [{ field: f.key, op: f.ops[0][0], value: self.defaultValue(f, f.ops[0][0]) }] });
      self.render();
    });
    box.appendChild(el("div", { className: "an-group-actions" }, [add, addGroup]));
    return box;
  };

  function startBuilder() {
    var root = document.getElementById("an-builder");
    var registry = readJSON("an-query-fields");
    if (!root || !registry) return;
    var builder = new Builder(root, registry, readJSON("an-query-initial"));
    var text = document.getElementById("an-query-text");
    if (text) {
      text.addEventListener("change", function () {
        try { builder.query = JSON.parse(text.value); builder.render(); } catch (e) { /* keep the text */ }
      });
    }
    var saveForm = document.getElementById("an-save-form");
    if (saveForm && text) {
      saveForm.addEventListener("submit", function () {
        document.getElementById("an-save-query").value = text.value;
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () { drawCharts(); startBuilder(); });
})();
