// The scripted REST conversation shared by the unit test (our server + FakeHerder) and the
// conformance test (the real Apache Kafka Connect): requests, expected codes and JSON shapes.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QNetworkAccessManager>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <vector>

namespace connectdesk::testing {

struct RestCase {
    QString id;
    QByteArray method;
    QString path;
    QByteArray body;
    bool hasBody = false;
    QByteArray contentType;
    QByteArray accept;
    QJsonObject expect; // status, json (shape), empty, location
    int retryMs = 0;    // eventual consistency: repeat until it matches or this passes
    QString reason;     // set when the expectation came from the known-differences file
};

struct HttpResult {
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QString transportError;
};

// Loads the table, replacing {c} with connectorName everywhere; entries of the differences
// files (each with a reason) replace the expectation of the case with the same id, later files
// winning.
std::vector<RestCase> loadRestCases(const QString& casesFile, const QString& connectorName,
                                    const QStringList& differenceFiles = {});

HttpResult sendRestCase(QNetworkAccessManager& network, const QUrl& base, const RestCase& restCase,
                        int timeoutMs = 20000);

// Shape language: literal values must be equal; "<string>", "<int>", "<bool>", "<object>",
// "<array>", "<null>", "<absent>", "<string-or-null>", "<int-or-null>", "<regex:…>";
// objects match as subsets; {"<each>": shape, "<min>": n} matches every array element.
bool matchShape(const QJsonValue& actual, const QJsonValue& expected, const QString& where, QString& why);

// Status, body shape and headers of one answer against the case's expectation.
bool checkRestCase(const RestCase& restCase, const HttpResult& result, QString& why);

// Sends the case, repeating while it does not match and retryMs has not passed.
bool runRestCase(QNetworkAccessManager& network, const QUrl& base, const RestCase& restCase,
                 HttpResult& result, QString& why);

} // namespace connectdesk::testing
