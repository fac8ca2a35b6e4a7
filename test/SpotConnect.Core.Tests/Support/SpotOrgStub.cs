using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;

namespace SpotConnect.Tests.Support;

/// <summary>
/// A Spot organization with state behind the WireMock stub: the account list, account creates, external ids and
/// role registration answer from memory, as Spot would, with 429 storms, per-account failures and slow commits.
/// While a test's hook runs or a create waits to be committed, the request is held (<see cref="VirtualTime.HoldAsync"/>):
/// the client's clock moves on. Mappings given with <see cref="SpotStub.On"/> (higher priority) still win.
/// </summary>
internal sealed partial class SpotOrgStub
{
    private const int Priority = 100;

    private readonly ConcurrentDictionary<string, StubAccount> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _createRequests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _lateCommits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _deleteRequests = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _lateCommitted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<Action> _afterNextList = new();
    private int _nextAccount = 0x10000000;
    private int _nextExternalId;

    public SpotOrgStub(SpotStub stub)
    {
        Stub = stub;
        Route("GET", "/setup/account", List);
        Route("POST", "/setup/account", Create);
        Route("POST", "/setup/credentials/aws/externalId", ExternalId);
        Route("POST", "/setup/credentials/aws", SetRole);
        Route("GET", "/setup/credentials/aws", GetRole);
        Route("DELETE", "/setup/account/*", Delete);
    }

    public SpotStub Stub { get; }

    /// <summary>
    /// Awaited before every answer: a simulated network's latency, which its giver times (bench/org-prepare waits real
    /// milliseconds, as its child process meets them). Unset in tests, which never wait: their Spot answers at once, and
    /// a slow answer is a hook held on the virtual clock (<see cref="AfterCreate"/>, <see cref="CommitLate"/>).
    /// </summary>
    public Func<Task>? Latency { get; set; }

    /// <summary>How many times each distinct call is answered 429 before it is served (a storm: every call rate limited).</summary>
    public int RateLimitedAttempts { get; set; }

    /// <summary>Account names whose create always answers 500 without creating anything.</summary>
    public HashSet<string> FailingCreates { get; } = new(StringComparer.Ordinal);

    /// <summary>Role ARNs Spot refuses (400, as while IAM has not propagated the role), always.</summary>
    public HashSet<string> RefusedRoles { get; } = new(StringComparer.Ordinal);

    /// <summary>Account ids whose delete always answers 500 without deleting anything.</summary>
    public HashSet<string> FailingDeletes { get; } = new(StringComparer.Ordinal);

    /// <summary>Account ids whose delete is committed but answered 500 (a lost answer): a repeat answers Account_DOESNT_EXIST.</summary>
    public HashSet<string> LostDeleteAnswers { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs when a delete arrives, before anything is deleted (a test may look at the client's state file, or stop the client, here).</summary>
    public Func<string, Task>? OnDeleteArrival { get; set; }

    /// <summary>Runs after an account is deleted and before Spot answers (a test may stop the client here: a committed delete whose answer is lost).</summary>
    public Func<string, Task>? AfterDelete { get; set; }

    /// <summary>How many deletes of this account Spot received (counted on arrival).</summary>
    public int DeleteRequests(string accountId) => _deleteRequests.GetValueOrDefault(accountId);

    /// <summary>How many deletes Spot received in all.</summary>
    public int AllDeleteRequests => _deleteRequests.Values.Sum();

    /// <summary>Runs after an account is created and before Spot answers (a test may stop the client here: a committed create whose answer is lost; or wait on the clock: a late answer).</summary>
    public Func<string, Task>? AfterCreate { get; set; }

    /// <summary>Runs when a create arrives, before anything is created (a test may look at the client's state file here).</summary>
    public Func<string, Task>? OnCreateArrival { get; set; }

    /// <summary>Completes once a create held back by <see cref="CommitLate"/> is committed (before the list that let it commit is answered).</summary>
    public Task LateCommitted => _lateCommitted.Task;

    public IReadOnlyCollection<StubAccount> Accounts => _accounts.Values.ToList();

    /// <summary>
    /// Slow Spot: the next create of <paramref name="name"/> is held and committed only once the next account list
    /// after its arrival has been made (so after any client timeout: the client lists only after giving up), and
    /// answered after that; that list does not show it yet. A client that never lists again never gets an answer.
    /// </summary>
    public void CommitLate(string name) => _lateCommits[name] = true;

    /// <summary>How many accounts of this name were created.</summary>
    public int CreatedNamed(string name) => _accounts.Values.Count(a => a.Name == name && a.CreatedByStub);

    /// <summary>How many creates of this name Spot received and handled (counted on arrival: WireMock logs a request only once answered).</summary>
    public int CreateRequests(string name) => _createRequests.GetValueOrDefault(name);

    /// <summary>An account that exists before the run.</summary>
    public StubAccount Seed(string name, string? connectedAwsAccount = null, DateTimeOffset? createdAt = null, bool createdByStub = false, bool withoutCreatedAt = false)
    {
        var account = new StubAccount(NewId(), name, connectedAwsAccount, createdAt ?? Stub.Time.Clock.GetUtcNow().AddDays(-30), createdByStub) { WithoutCreatedAt = withoutCreatedAt };
        _accounts[account.Id] = account;
        return account;
    }

    private string NewId() => $"act-{Interlocked.Increment(ref _nextAccount):x8}";

    private void Route(string method, string path, Func<IRequestMessage, (int Status, string Body)> answer) =>
        Stub.Spot.Given(Request.Create().WithPath(path).UsingMethod(method)).AtPriority(Priority)
            .RespondWith(Response.Create().WithCallback(async request =>
            {
                if (Latency is { } latency)
                {
                    await latency();
                }

                var key = $"{request.Method} {request.Url} {request.Body}";
                if (RateLimitedAttempts > 0 && _attempts.AddOrUpdate(key, 1, (_, n) => n + 1) <= RateLimitedAttempts)
                {
                    return Message(429, SpotStub.Error(429, "TOO_MANY_REQUESTS", "rate limited"));
                }

                if (method == "POST" && path == "/setup/account")
                {
                    var name = Text(JsonNode.Parse(request.Body!)!["account"]!["name"]);
                    if (OnCreateArrival is { } arrival)
                    {
                        await Stub.Time.HoldAsync(request, () => arrival(name));
                    }

                    if (_lateCommits.TryRemove(name, out _))
                    {
                        var committed = new TaskCompletionSource<(int Status, string Body)>(TaskCreationOptions.RunContinuationsAsynchronously);
                        _afterNextList.Enqueue(() =>
                        {
                            committed.TrySetResult(answer(request));
                            _lateCommitted.TrySetResult();
                        });
                        await Stub.Time.HoldAsync(request, () => Task.WhenAny(committed.Task, Stub.Stopped));
                        return committed.Task.IsCompleted
                            ? Message(committed.Task.Result.Status, committed.Task.Result.Body)
                            : Message(503, SpotStub.Error(503, "STOPPED", "the stub stopped"));
                    }
                }

                if (method == "DELETE")
                {
                    var id = request.Path.Split('/')[^1];
                    if (OnDeleteArrival is { } deleteArrival)
                    {
                        await deleteArrival(id);
                    }

                    var deleted = answer(request);
                    if (deleted.Status == 200 && AfterDelete is { } afterDelete)
                    {
                        await afterDelete(id);
                    }

                    return Message(deleted.Status, deleted.Body);
                }

                var (status, body) = answer(request);
                if (status == 200 && method == "POST" && path == "/setup/account" && AfterCreate is { } after)
                {
                    await Stub.Time.HoldAsync(request, () => after(Text(JsonNode.Parse(request.Body!)!["account"]!["name"])));
                }

                return Message(status, body);
            }));

    private (int, string) List(IRequestMessage request)
    {
        var cloud = Query(request, "cloudAccountId");
        var body = SpotStub.Envelope(_accounts.Values
            .Where(a => cloud is null || a.ConnectedAwsAccount == cloud)
            .OrderBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => new JsonObject
            {
                ["accountId"] = a.Id,
                ["name"] = a.Name,
                ["organizationId"] = "606079860000",
                ["providerExternalId"] = a.ConnectedAwsAccount,
                ["createdAt"] = a.WithoutCreatedAt ? null : a.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
            }).ToArray());
        while (_afterNextList.TryDequeue(out var commit))
        {
            commit(); // after the answer is made: not in it
        }

        return (200, body);
    }

    private (int, string) Create(IRequestMessage request)
    {
        var name = Text(JsonNode.Parse(request.Body!)!["account"]!["name"]);
        _createRequests.AddOrUpdate(name, 1, (_, n) => n + 1);
        if (FailingCreates.Contains(name))
        {
            return (500, SpotStub.Error(500, "INTERNAL_ERROR", "could not create the account"));
        }

        if (!name.Any(char.IsLetter))
        {
            return (400, SpotStub.Error(400, "VALIDATION_ERROR", "name must contain a letter"));
        }

        var account = Seed(name, createdAt: Stub.Time.Clock.GetUtcNow(), createdByStub: true);
        return (200, SpotStub.Envelope(new JsonObject { ["id"] = account.Id, ["name"] = account.Name, ["organizationId"] = "606079860000" }));
    }

    private (int, string) Delete(IRequestMessage request)
    {
        var id = request.Path.Split('/')[^1];
        _deleteRequests.AddOrUpdate(id, 1, (_, n) => n + 1);
        if (FailingDeletes.Contains(id))
        {
            return (500, SpotStub.Error(500, "INTERNAL_ERROR", "could not delete the account"));
        }

        if (!_accounts.TryRemove(id, out _))
        {
            return (400, SpotStub.Error(400, "Account_DOESNT_EXIST", $"no account {id}"));
        }

        return LostDeleteAnswers.Contains(id)
            ? (500, SpotStub.Error(500, "INTERNAL_ERROR", "gateway timeout after the delete"))
            : (200, SpotStub.Envelope());
    }

    private (int, string) ExternalId(IRequestMessage request)
    {
        var id = Query(request, "accountId");
        return id is null || !_accounts.ContainsKey(id)
            ? (400, SpotStub.Error(400, "Account_DOESNT_EXIST", $"no account {id}"))
            : (200, SpotStub.Envelope(new JsonObject { ["externalId"] = $"ext-{id}-{Interlocked.Increment(ref _nextExternalId)}", ["maxValidUntil"] = "2099-01-01T00:00:00.000Z" }));
    }

    private (int, string) SetRole(IRequestMessage request)
    {
        var id = Query(request, "accountId");
        var role = Text(JsonNode.Parse(request.Body!)!["credentials"]!["iamRole"]);
        if (id is null || !_accounts.TryGetValue(id, out var account))
        {
            return (400, SpotStub.Error(400, "Account_DOESNT_EXIST", $"no account {id}"));
        }

        if (RefusedRoles.Contains(role))
        {
            return (400, SpotStub.Error(400, "CANT_VALIDATE_ROLE", "cannot assume the role"));
        }

        _accounts[id] = account with { Role = role, ConnectedAwsAccount = RoleAccount().Match(role).Groups[1].Value };
        return (200, SpotStub.Envelope());
    }

    private (int, string) GetRole(IRequestMessage request)
    {
        var id = Query(request, "accountId");
        return id is not null && _accounts.TryGetValue(id, out var account) && account.Role is { } role
            ? (200, SpotStub.Envelope(new JsonObject { ["iamRole"] = role, ["accountId"] = id }))
            : (200, SpotStub.Envelope());
    }

    private static string? Query(IRequestMessage request, string key) =>
        request.Query is { } q && q.TryGetValue(key, out var values) ? values.FirstOrDefault() : null;

    private static string Text(JsonNode? node) => node?.GetValue<string>() ?? string.Empty;

    private static ResponseMessage Message(int status, string body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
        BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String },
    };

    [GeneratedRegex(@"^arn:[a-z-]+:iam::([0-9]{12}):role/")]
    private static partial Regex RoleAccount();
}

/// <summary>One account of the stub's Spot organization.</summary>
internal sealed record StubAccount(string Id, string Name, string? ConnectedAwsAccount, DateTimeOffset CreatedAt, bool CreatedByStub)
{
    public string? Role { get; init; }

    /// <summary>Listed without <c>createdAt</c> (Spot does not always say).</summary>
    public bool WithoutCreatedAt { get; init; }
}
