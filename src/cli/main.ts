import { runValidate, VALIDATE_USAGE, type Output } from './validate-command';

const USAGE = `Usage: istd-gateway <command> [options]

Commands:
  validate   validate iWmo/iJw 3.2 berichten (XSD + TR/CD/CS rules)

${VALIDATE_USAGE}`;

const consoleOutput: Output = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

/** Entry point of the `istd-gateway` command; resolves to the exit status. */
export async function main(argv: string[], io: Output = consoleOutput): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return runValidate(rest, io);
    case '--help':
    case '-h':
    case 'help':
      io.out(USAGE);
      return 0;
    default:
      io.err(command ? `istd-gateway: unknown command ${command}` : 'istd-gateway: no command given');
      io.err(USAGE);
      return 2;
  }
}
