// JSON helpers shared by the internal-topic decoders: parse record bytes with RapidJSON and hand
// values to Qt (QJsonValue keeps 64-bit integers exact, which offsets and positions need).
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace connectdesk::observe::detail {

// The parsed document, or std::nullopt with `error` set to RapidJSON's reason and byte offset.
std::optional<QJsonValue> parseJson(const QByteArray& bytes, QString* error);

// Compact text of a value. QJsonObject keeps members sorted by key, so this is a canonical form
// usable as an index key whatever order the writer used (spec §8.3 interop note).
QString compactJson(const QJsonValue& value);

// Indented text (4 spaces) of a value.
QString prettyJson(const QJsonValue& value);

// Indented text (4 spaces) of JSON bytes with members in the order they were written and numbers
// exactly as written (QJsonObject would sort members, which loses a struct's field order);
// std::nullopt when the bytes are not one JSON value.
std::optional<QString> prettyJsonText(const QByteArray& bytes);

// A JsonConverter envelope (an object with exactly the members "schema" and "payload", spec §2.3)
// as two indented texts in written order; std::nullopt for anything else. `schema` is empty when
// the envelope's schema is null.
struct EnvelopeText {
    QString schema;
    QString payload;
};
std::optional<EnvelopeText> prettyEnvelope(const QByteArray& bytes);

} // namespace connectdesk::observe::detail
