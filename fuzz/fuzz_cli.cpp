// fuzz_cli — genstudio-cli's argument parsing (src/cli/cli_app.h): the input
// is an argument list, one argument per line (a NUL ends an argument too),
// parsed by the same CliApp main() uses, without running the command. CLI11's
// refusals (CLI::ParseError, which main prints with "see genstudio-cli --help")
// are the expected path; --help output is built but not printed.
#include <string>
#include <vector>

#include "cli_app.h"
#include "fuzz_entry.h"

namespace gs::fuzz {

Sentences fuzz_cli(const uint8_t* data, size_t size) {
  std::vector<std::string> args(1);
  for (size_t k = 0; k < size; ++k) {
    const char c = static_cast<char>(data[k]);
    if (c == '\n' || c == '\0') {
      args.emplace_back();
    } else {
      args.back() += c;
    }
  }
  if (args.back().empty()) args.pop_back();
  Sentences out;
  gs::cli::CliApp cl;
  try {
    cl.parse(args);
  } catch (const CLI::Success&) {
    cl.app.help();  // what --help would print
  } catch (const CLI::ParseError& e) {
    out.emplace_back(std::string(e.what()) + " (see genstudio-cli --help)");
  }
  return out;
}

}  // namespace gs::fuzz

GS_FUZZ_TARGET(gs::fuzz::fuzz_cli)
