# 干部队伍管理系统 — common tasks. Needs only Python ≥ 3.11 and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: help venv install demo test lint bench browsers clean

help:
	@echo "make demo      安装依赖，生成演示数据并启动 http://127.0.0.1:8000/"
	@echo "make test      运行全部测试（pytest）"
	@echo "make lint      ruff check、ruff format --check、mypy"
	@echo "make bench     运行基准测试（bench/）"
	@echo "make browsers  安装浏览器测试与 PDF 所需的系统软件包（Chromium、Noto CJK 字体）"
	@echo "make clean     删除虚拟环境、演示数据库和缓存"

venv: $(STAMP)
install: $(STAMP)

# Re-installs only when pyproject.toml changes.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	CADRE_DEMO=1 $(BIN)/cadre demo

test: $(STAMP) browsers
	$(BIN)/pytest -q tests

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m bench

# Browser tests drive Debian's Chromium; the PDF 任免审批表 needs Pango and the Noto CJK
# fonts. Installed from Debian's packages when missing; without root the tests that need
# them are skipped with a notice.
SYSTEM_PACKAGES := chromium fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0
browsers:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then echo "安装系统软件包：$$missing"; apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else echo "缺少系统软件包：$$missing；相关测试将跳过（以 root 运行 make browsers 安装）"; fi

clean:
	rm -rf $(VENV) var/cadre.sqlite3* var/static .mypy_cache .ruff_cache .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
