"""Sample data: the demo branch the window opens with --demo and the tests start from."""
