# The two commands of the README. Both run the idempotent set-up first.
.PHONY: demo test setup

setup:
	bash scripts/setup/setup.sh

demo:
	bash scripts/run_demo.sh

test:
	bash scripts/run_tests.sh
