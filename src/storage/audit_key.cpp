#include "storage/audit_key.hpp"

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <fstream>
#include <sstream>

namespace caremarket::storage {

Result<std::string> read_audit_key_file(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return Error::not_found("there is no audit key file at '" + path + "'");
  if ((info.st_mode & S_IRWXO) != 0) {
    return Error::invalid("the audit key file '" + path +
                          "' may be read by every user of this machine; "
                          "make it readable by its owner only (chmod 600)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::unavailable("cannot read the audit key file '" + path + "'");
  std::stringstream text;
  text << in.rdbuf();
  std::string key = text.str();
  while (!key.empty() && (key.back() == '\n' || key.back() == '\r' || key.back() == ' ' || key.back() == '\t'))
    key.pop_back();
  if (key.size() < 32) {
    return Error::invalid("the audit key file '" + path +
                          "' holds less than 32 bytes; make one with `caremarket audit new-key`");
  }
  return key;
}

Status create_audit_key_file(const std::string& path) {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    return Error::unavailable("no random bytes for an audit key");
  static constexpr char digits[] = "0123456789abcdef";
  std::string text;
  for (const unsigned char b : bytes) {
    text += digits[b >> 4];
    text += digits[b & 0x0F];
  }
  text += '\n';
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    return Error::conflict("cannot create the audit key file '" + path +
                           "': it exists already, or the folder is not writable");
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool closed = ::close(fd) == 0;
  if (!written || !closed) return Error::unavailable("cannot write the audit key file '" + path + "'");
  return {};
}

std::string audit_key_beside(const std::string& db_path) { return db_path + ".audit-key"; }

}  // namespace caremarket::storage
