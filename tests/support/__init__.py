"""What the tests share: paths, plan-file helpers, Hypothesis strategies, the browser harness."""
