from eligibility_desk.cli import main

raise SystemExit(main())
