#include "observe/observe_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

namespace connectdesk::observe::detail {

namespace {

QJsonValue toQt(const rapidjson::Value& value)
{
    switch (value.GetType()) {
    case rapidjson::kNullType:
        return QJsonValue(QJsonValue::Null);
    case rapidjson::kFalseType:
        return false;
    case rapidjson::kTrueType:
        return true;
    case rapidjson::kStringType:
        return QString::fromUtf8(value.GetString(), static_cast<qsizetype>(value.GetStringLength()));
    case rapidjson::kNumberType:
        if (value.IsInt64())
            return QJsonValue(static_cast<qint64>(value.GetInt64()));
        return value.GetDouble();
    case rapidjson::kArrayType: {
        QJsonArray array;
        for (const auto& item : value.GetArray())
            array.append(toQt(item));
        return array;
    }
    case rapidjson::kObjectType: {
        QJsonObject object;
        for (const auto& member : value.GetObject()) {
            object.insert(QString::fromUtf8(member.name.GetString(),
                                            static_cast<qsizetype>(member.name.GetStringLength())),
                          toQt(member.value));
        }
        return object;
    }
    }
    return QJsonValue(QJsonValue::Undefined);
}

} // namespace

std::optional<QJsonValue> parseJson(const QByteArray& bytes, QString* error)
{
    rapidjson::Document document;
    // Size-bounded parse: record bytes are not NUL-terminated and may contain NULs.
    document.Parse<rapidjson::kParseFullPrecisionFlag>(bytes.constData(),
                                                       static_cast<std::size_t>(bytes.size()));
    if (document.HasParseError()) {
        if (error) {
            *error = QStringLiteral("invalid JSON at byte %1: %2")
                         .arg(document.GetErrorOffset())
                         .arg(QString::fromUtf8(rapidjson::GetParseError_En(document.GetParseError())));
        }
        return std::nullopt;
    }
    return toQt(document);
}

QString compactJson(const QJsonValue& value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    // Scalars: wrap in an array and strip the brackets, so strings get JSON quoting.
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

QString prettyJson(const QJsonValue& value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)).trimmed();
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)).trimmed();
    return compactJson(value);
}

} // namespace connectdesk::observe::detail
