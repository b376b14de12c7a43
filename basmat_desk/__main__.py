from basmat_desk.cli import main

raise SystemExit(main())
