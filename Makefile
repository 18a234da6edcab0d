# The commands of the README. demo and test run the idempotent set-up first.
.PHONY: demo test setup lint

setup:
	bash scripts/setup/setup.sh

demo:
	bash scripts/run_demo.sh

test:
	bash scripts/run_tests.sh

lint:
	bash scripts/tools/lint.sh
