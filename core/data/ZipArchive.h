#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

struct zip;

namespace vae {

// A zip archive opened for reading whole members, through libzip (stored and deflated members, the
// CRC-32 checked). Throws InputError naming the archive (and the member) for anything wrong.
class ZipArchive {
public:
    explicit ZipArchive(const QString& path);
    ~ZipArchive();
    ZipArchive(const ZipArchive&) = delete;
    ZipArchive& operator=(const ZipArchive&) = delete;

    QStringList memberNames() const;
    bool contains(const QString& member) const;
    std::vector<std::uint8_t> read(const QString& member) const;

private:
    QString path_;
    zip* archive_ = nullptr;
};

} // namespace vae
