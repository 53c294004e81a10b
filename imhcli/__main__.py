from imhcli.cli import main

main()
