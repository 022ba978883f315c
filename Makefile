# policykb — two commands: `make demo` (set up + run the main job) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO_OUT := out

.PHONY: setup demo test lint typecheck bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	@echo "== 语料中的政策文件 =="
	$(BIN)/policykb docs
	@echo "== 查看一个条款 =="
	$(BIN)/policykb show 'ymzf-2022:二/（二）/2'
	@echo "== 全文检索：政策术语 =="
	$(BIN)/policykb search 三类监测对象 --limit 3
	@echo "== 一个部门的责任清单（人社局）=="
	$(BIN)/policykb matrix --dept 人社局
	@echo "== 核对一个县的工作方案（退出码 1 表示发现问题）=="
	-$(BIN)/policykb check examples/plans/zhongning-2022.docx
	@echo "== 写出可分发的文件（$(DEMO_OUT)/）=="
	mkdir -p $(DEMO_OUT)
	$(BIN)/policykb matrix --format xlsx -o $(DEMO_OUT)/责任清单.xlsx
	$(BIN)/policykb matrix --dept 各县（区） --format html -o $(DEMO_OUT)/各县区责任清单.html
	-$(BIN)/policykb check examples/plans/*.docx examples/plans/haiyuan-2022.txt examples/plans/shapotou-2022.md --format html -o $(DEMO_OUT)/方案核对.html
	$(BIN)/policykb calendar -o $(DEMO_OUT)/任务时限.ics
	@echo "网页界面：$(BIN)/policykb serve  然后打开 http://127.0.0.1:8765"

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: setup
	$(BIN)/mypy

test: setup lint typecheck
	$(BIN)/pytest

bench: setup
	$(BIN)/python benchmarks/bench_search.py

clean:
	rm -rf $(VENV) $(DEMO_OUT) .pytest_cache .mypy_cache .ruff_cache
