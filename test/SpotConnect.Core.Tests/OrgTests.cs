using System.Text.Json.Nodes;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary><c>spot-connect org …</c> against a stateful Spot organization stub (WireMock) and STS.</summary>
public sealed class OrgTests : IDisposable
{
    private const string Management = SpotStub.AwsAccount; // STS says the caller is 123456789012
    private const string Alpha = "111111111111";
    private const string Beta = "222222222222";
    private const string Gamma = "333333333333";
    private const string Numeric = "444444444444";
    private const string Ou = "ou-ab12-cd34ef56";

    private readonly SpotStub _stub = new();
    private readonly SpotOrgStub _spot;
    private readonly DirectoryInfo _dir = Scratch.Folder("spotconnect-org-");
    private readonly RecordingDeployer _deployer = new();
    private readonly SpotCliHarness _cli;

    public OrgTests()
    {
        _spot = new SpotOrgStub(_stub);
        _cli = new SpotCliHarness(_stub, _dir, _deployer, propagationTimeout: TimeSpan.FromMilliseconds(300));
        WriteAccounts(("123456789012", "management", "ACTIVE"), (Alpha, "alpha", "ACTIVE"), (Beta, "beta", "ACTIVE"), (Gamma, "gamma", "ACTIVE"), (Numeric, "1234", "ACTIVE"));
    }

    public void Dispose() => _cli.Dispose();

    private string StatePath => Path.Combine(_dir.FullName, "spot-org.json");

    private JsonObject State => OrgFiles.State(StatePath);

    private JsonObject StateOf(string awsAccountId) => OrgFiles.AccountOf(StatePath, awsAccountId);

    private int Posts(string path = "/setup/account") => _stub.Calls.Count(c => c == $"POST {path}" || c.StartsWith($"POST {path}?", StringComparison.Ordinal));

    private void WriteAccounts(params (string Id, string Name, string State)[] accounts) => OrgFiles.WriteAccounts(_dir, Management, accounts);

    private ProcessResult Prepare(params string[] more) => Run(["org", "prepare", "--accounts", "accounts.json", "--target-ou", Ou, .. more]);

    private ProcessResult Run(params string[] args) => _cli.Run(_stub.Environment, args);

    /// <summary>The account's row in the last table printed (sync prints prepare's, then register's).</summary>
    private static string TableRow(ProcessResult result, string awsAccountId) =>
        result.StdOut.Split('\n').Last(l => l.TrimStart().StartsWith(awsAccountId, StringComparison.Ordinal));

    [Fact]
    public void Prepare_creates_a_Spot_account_and_external_id_per_account_and_a_rerun_sends_no_POST()
    {
        var first = Prepare();

        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.Equal(1, _stub.Calls.Count(c => c == "GET /setup/account")); // one list, no per-account lookup
        Assert.Equal(5, Posts());
        Assert.Equal(5, Posts("/setup/credentials/aws/externalId"));
        foreach (var name in new[] { "management", "alpha", "beta", "gamma", $"aws-{Numeric}" })
        {
            Assert.Equal(1, _spot.CreatedNamed(name));
        }

        Assert.Equal(Management, State["managementAccountId"]!.GetValue<string>());
        Assert.Equal([Ou], State["targetOus"]!.AsArray().Select(o => o!.GetValue<string>()));
        var beta = StateOf(Beta);
        var spotBeta = _spot.Accounts.Single(a => a.Name == "beta");
        Assert.Equal(spotBeta.Id, beta["spotAccountId"]!.GetValue<string>());
        Assert.StartsWith($"ext-{spotBeta.Id}-", beta["externalId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(beta["spotAccountCreateStartedAt"]);
        Assert.Contains("created + external id", TableRow(first, Beta), StringComparison.Ordinal);
        Assert.Contains("prepare: 5/5 accounts done", first.StdErr, StringComparison.Ordinal);

        var callsBefore = _stub.Calls.Count;
        var again = Prepare();

        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.Equal(["GET /setup/account"], _stub.Calls.Skip(callsBefore));
        Assert.Contains("known", TableRow(again, Beta), StringComparison.Ordinal);
    }

    [Fact]
    public void Spot_accounts_connected_to_an_AWS_account_are_matched_from_one_list_call()
    {
        var connected = _spot.Seed("legacy-alpha", connectedAwsAccount: Alpha);

        var result = Prepare();

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(connected.Id, StateOf(Alpha)["spotAccountId"]!.GetValue<string>());
        Assert.False(StateOf(Alpha)["spotAccountCreated"]!.GetValue<bool>());
        Assert.Equal(0, _spot.CreatedNamed("alpha"));
        Assert.Equal(4, Posts());
        Assert.DoesNotContain(_stub.Calls, c => c.Contains("cloudAccountId", StringComparison.Ordinal));
        Assert.Contains("matched + external id", TableRow(result, Alpha), StringComparison.Ordinal);
    }

    [Fact]
    public void A_crash_after_creates_were_sent_never_leads_to_a_second_Spot_account()
    {
        // The state an interrupted run left: alpha's and beta's creates were saved as started; Spot committed
        // alpha's (its answer was lost) but never received beta's.
        var started = _cli.Clock.GetUtcNow().AddMinutes(-3);
        var alphaMade = _spot.Seed("alpha", createdAt: started.AddSeconds(1), createdByStub: true);
        _spot.Seed("alpha", createdAt: started.AddDays(-100)); // someone else's old "alpha": not this create's
        File.WriteAllText(StatePath, $$"""
            {
              "version": 1, "partition": "aws", "managementAccountId": "{{Management}}", "targetOus": ["{{Ou}}"],
              "accounts": [
                { "awsAccountId": "{{Alpha}}", "name": "alpha", "awsState": "ACTIVE", "spotAccountName": "alpha", "spotAccountCreateStartedAt": "{{started:O}}" },
                { "awsAccountId": "{{Beta}}", "name": "beta", "awsState": "ACTIVE", "spotAccountName": "beta", "spotAccountCreateStartedAt": "{{started:O}}" }
              ]
            }
            """);

        var result = Prepare();

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(1, _spot.CreatedNamed("alpha"));
        Assert.Equal(alphaMade.Id, StateOf(Alpha)["spotAccountId"]!.GetValue<string>());
        Assert.True(StateOf(Alpha)["spotAccountCreated"]!.GetValue<bool>());
        Assert.Contains("adopted (interrupted create)", TableRow(result, Alpha), StringComparison.Ordinal);
        Assert.Equal(1, _spot.CreatedNamed("beta"));
        Assert.Equal(0, _spot.CreateRequests("alpha"));
    }

    [Fact]
    public async Task Killed_halfway_and_run_again_every_AWS_account_has_exactly_one_Spot_account()
    {
        var names = Enumerable.Range(1, 40).Select(i => (Id: $"5000000000{i:00}", Name: $"team-{i:00}", State: "ACTIVE")).ToArray();
        WriteAccounts(names);
        using var kill = new CancellationTokenSource();
        var creates = 0;
        _spot.AfterCreate = async _ =>
        {
            if (Interlocked.Increment(ref creates) == 10)
            {
                await kill.CancelAsync(); // the process dies: this create is committed, its answer never read
            }
        };

        var killed = await _cli.RunAsync(_stub.Environment, kill.Token, "org", "prepare", "--accounts", "accounts.json", "--target-ou", Ou, "--management-account", Management, "--concurrency", "4");
        Assert.NotEqual(0, killed.ExitCode);
        Assert.Contains(State["accounts"]!.AsArray(), a => a!["spotAccountCreateStartedAt"] is not null && a["spotAccountId"] is null);

        // Ctrl+C still saves: every Spot account whose answer was read is recorded; only creates in flight when the
        // run was cancelled (at most --concurrency) are left with just their started mark.
        var accounts = State["accounts"]!.AsArray().Select(a => a!.AsObject()).ToList();
        var recorded = accounts.Select(a => a["spotAccountId"]?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var unrecorded = _spot.Accounts.Where(a => a.CreatedByStub && !recorded.Contains(a.Id)).ToList();
        Assert.InRange(unrecorded.Count, 0, 4);
        Assert.All(unrecorded, u => Assert.Contains(accounts, a => a["spotAccountName"]?.GetValue<string>() == u.Name && a["spotAccountCreateStartedAt"] is not null && a["spotAccountId"] is null));
        Assert.True(recorded.Count >= 6, $"only {recorded.Count} of {_spot.Accounts.Count} created Spot accounts recorded");
        Assert.All(recorded, id => Assert.Contains(_spot.Accounts, a => a.Id == id));

        _spot.AfterCreate = null;
        var again = Prepare("--management-account", Management);

        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.All(names, n => Assert.Equal(1, _spot.CreatedNamed(n.Name)));
        Assert.All(State["accounts"]!.AsArray(), a => Assert.NotNull(a!["externalId"]));
        Assert.Equal(40, State["accounts"]!.AsArray().Select(a => a!["spotAccountId"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public void A_create_whose_answer_times_out_is_looked_up_again_and_not_sent_twice()
    {
        // Spot commits beta's account but answers too late for the client: the outcome is unknown.
        _spot.AfterCreate = name => name == "beta" ? Task.Delay(TimeSpan.FromSeconds(2), _cli.Clock) : Task.CompletedTask;
        _cli.HttpTimeout = TimeSpan.FromMilliseconds(500);

        var result = Prepare();

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("1 create(s) with an unknown outcome; listing Spot's accounts once more to adopt what Spot made", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(1, _spot.CreateRequests("beta"));
        Assert.Equal(1, _spot.CreatedNamed("beta"));
        Assert.Equal(_spot.Accounts.Single(a => a.Name == "beta").Id, StateOf(Beta)["spotAccountId"]!.GetValue<string>());
        Assert.NotNull(StateOf(Beta)["externalId"]);
        Assert.Null(StateOf(Beta)["lastError"]);
    }

    [Fact]
    public void A_429_storm_is_ridden_out_with_bounded_retries()
    {
        _spot.RateLimitedAttempts = 2; // every call is refused twice before Spot serves it

        var result = Prepare();

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("Spot API answered 429; retry 1 of 3", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(3 * 5, Posts()); // 2 refusals + 1 create per account, no more
        Assert.All(new[] { "management", "alpha", "beta", "gamma" }, n => Assert.Equal(1, _spot.CreatedNamed(n)));
        Assert.All(State["accounts"]!.AsArray(), a => Assert.NotNull(a!["externalId"]));
    }

    [Fact]
    public void A_429_storm_that_never_ends_fails_after_bounded_retries_with_advice()
    {
        _spot.RateLimitedAttempts = int.MaxValue;

        var result = Prepare();

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("rate limiting", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(4, _stub.Calls.Count(c => c == "GET /setup/account")); // the first attempt and 3 retries
        Assert.Equal(0, Posts());
    }

    [Fact]
    public void One_account_whose_create_keeps_failing_does_not_stop_the_others()
    {
        _spot.FailingCreates.Add("beta");

        var result = Prepare();

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("FAILED", TableRow(result, Beta), StringComparison.Ordinal);
        Assert.Contains("unknown outcome", TableRow(result, Beta), StringComparison.Ordinal);
        Assert.Contains("1 account(s) failed", result.StdErr, StringComparison.Ordinal);
        Assert.All(new[] { Alpha, Gamma, Numeric, Management }, id => Assert.NotNull(StateOf(id)["externalId"]));
        // Sent once: an unknown outcome is never sent again in the same run, only looked up once more at the end.
        Assert.Equal(1, _spot.CreateRequests("beta"));
        Assert.Equal(2, _stub.Calls.Count(c => c == "GET /setup/account"));
        Assert.NotNull(StateOf(Beta)["spotAccountCreateStartedAt"]);
        Assert.Contains("the next run will look for it in Spot's account list before creating", StateOf(Beta)["lastError"]!.GetValue<string>(), StringComparison.Ordinal);

        _spot.FailingCreates.Clear();
        var before = Posts();
        var again = Prepare();

        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.Equal(before + 1, Posts());
        Assert.Equal(1, _spot.CreatedNamed("beta"));
        Assert.Null(StateOf(Beta)["lastError"]);
    }

    [Fact]
    public void A_recorded_Spot_account_that_no_longer_exists_fails_that_account_without_a_new_create()
    {
        Assert.Equal(0, Prepare().ExitCode);
        var state = File.ReadAllText(StatePath).Replace(StateOf(Beta)["spotAccountId"]!.GetValue<string>(), "act-0badc0de", StringComparison.Ordinal);
        File.WriteAllText(StatePath, state);
        var posts = Posts();

        var result = Prepare();

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("FAILED", TableRow(result, Beta), StringComparison.Ordinal);
        Assert.Contains("act-0badc0de recorded in the state is not in Spot's account list", StateOf(Beta)["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(posts, Posts());
    }

    [Fact]
    public void A_refused_token_stops_the_run_before_anything_is_created()
    {
        _stub.On("GET", "/setup/account", 401, SpotStub.Error(401, "UNAUTHORIZED", "token expired"), priority: 1);

        var result = Prepare();

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("SPOTINST_TOKEN", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(0, Posts());
        Assert.All(State["accounts"]!.AsArray(), a => Assert.Null(a!["spotAccountCreateStartedAt"]));
    }

    [Fact]
    public void Bad_input_is_reported_all_at_once_with_nothing_written_and_nothing_sent()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "accounts.json"), """{"Accounts":[{"Id":"12345","Name":"x","State":"ACTIVE"},{"Id":"999999999999","Name":"y"},{"Id":"111111111111","Status":"ACTIVE"},{"Id":"111111111111","Status":"ACTIVE"}]}""");

        var result = Run("org", "prepare", "--accounts", "accounts.json", "--target-ou", "ou-bad,r-ab12", "--exclude", "12,222222222222", "--management-account", "abc", "--call-as", "ME", "--concurrency", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.StdOut);
        foreach (var expected in new[]
                 {
                     "--target-ou: 'ou-bad' is invalid", "--exclude: '12' is invalid: an AWS account id is exactly 12 digits", "--management-account: 'abc' is invalid",
                     "--call-as: 'ME' is invalid", "Valid choices: SELF, DELEGATED_ADMIN", "--concurrency: '0' is invalid: must be 1 to 64",
                     "--accounts: '12345' is invalid: in ", "Accounts[0].Id: an AWS account id is exactly 12 digits", "Accounts[1]: account 999999999999 has neither State nor Status",
                     "Accounts[3].Id: the account is listed twice",
                 })
        {
            Assert.Contains(expected, result.StdErr, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(StatePath));
        Assert.Empty(_stub.Calls);

        File.WriteAllText(Path.Combine(_dir.FullName, "accounts.json"), "{ not json");
        var malformed = Prepare();
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("accounts.json' is invalid: not JSON", malformed.StdErr, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(_dir.FullName, "accounts.json"), """{"Account":[]}""");
        var shape = Prepare();
        Assert.Equal(2, shape.ExitCode);
        Assert.Contains("has no \"Accounts\" array", shape.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(StatePath));
    }

    [Fact]
    public void State_is_preferred_to_Status_and_only_ACTIVE_accounts_are_prepared()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "accounts.json"), $$"""
            {"Accounts":[
              {"Id":"{{Management}}","Name":"management","Status":"ACTIVE"},
              {"Id":"{{Alpha}}","Name":"alpha","Status":"ACTIVE"},
              {"Id":"{{Beta}}","Name":"beta","Status":"SUSPENDED"},
              {"Id":"{{Gamma}}","Name":"gamma","State":"CLOSED","Status":"ACTIVE"},
              {"Id":"{{Numeric}}","Name":"numeric","State":"PENDING_ACTIVATION"}
            ]}
            """);

        var result = Prepare();

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal("SUSPENDED", StateOf(Beta)["awsState"]!.GetValue<string>());
        Assert.Equal("CLOSED", StateOf(Gamma)["awsState"]!.GetValue<string>());
        Assert.Equal("PENDING_ACTIVATION", StateOf(Numeric)["awsState"]!.GetValue<string>());
        Assert.NotNull(StateOf(Alpha)["spotAccountId"]);
        Assert.All(new[] { Beta, Gamma, Numeric }, id => Assert.Null(StateOf(id)["spotAccountId"]));
        Assert.Equal(2, Posts());
        Assert.Contains("not ACTIVE (CLOSED): skipped (no Spot account)", TableRow(result, Gamma), StringComparison.Ordinal); // never had one: nothing "kept"
    }

    [Fact]
    public void An_account_excluded_after_it_was_prepared_is_shown_as_excluded_not_as_gone()
    {
        Assert.Equal(0, Prepare().ExitCode);

        var result = Prepare("--exclude", Beta);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("excluded (ACTIVE): Spot account kept", TableRow(result, Beta), StringComparison.Ordinal);
        Assert.True(StateOf(Beta)["excluded"]!.GetValue<bool>());
        Assert.Contains("excluded (ACTIVE)", TableRow(Run("org", "status"), Beta), StringComparison.Ordinal);
        Assert.Null(StateOf(Alpha)["excluded"]); // in the organization: nothing recorded

        WriteAccounts(("123456789012", "management", "ACTIVE"), (Alpha, "alpha", "ACTIVE"), (Gamma, "gamma", "ACTIVE"), (Numeric, "1234", "ACTIVE"));
        Assert.Equal(0, Prepare("--exclude", Beta).ExitCode); // no longer listed at all: it left
        Assert.False(StateOf(Beta)["excluded"]!.GetValue<bool>());
        Assert.Contains("left the organization", TableRow(Run("org", "status"), Beta), StringComparison.Ordinal);
    }

    [Fact]
    public void Excluded_accounts_get_nothing()
    {
        var result = Prepare("--exclude", $"{Beta},{Gamma}");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(0, _spot.CreatedNamed("beta") + _spot.CreatedNamed("gamma"));
        Assert.DoesNotContain(State["accounts"]!.AsArray(), a => a!["awsAccountId"]!.GetValue<string>() is Beta or Gamma);
    }

    [Fact]
    public void Accounts_that_left_or_were_suspended_are_reported_and_kept_and_prune_takes_them_out_of_their_StackSet()
    {
        Assert.Equal(0, Prepare().ExitCode);
        Assert.Equal(0, Run("org", "deploy").ExitCode);
        Assert.Equal("SpotConnect-1", StateOf(Gamma)["stackSet"]!.GetValue<string>());

        WriteAccounts(("123456789012", "management", "ACTIVE"), (Alpha, "alpha", "ACTIVE"), (Beta, "beta", "SUSPENDED"), (Numeric, "1234", "ACTIVE"));
        var result = Prepare();

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.False(StateOf(Gamma)["inOrganization"]!.GetValue<bool>());
        Assert.Equal("SUSPENDED", StateOf(Beta)["awsState"]!.GetValue<string>());
        Assert.NotNull(StateOf(Gamma)["spotAccountId"]); // kept, never deleted
        Assert.Contains("left the organization: Spot account kept", TableRow(result, Gamma), StringComparison.Ordinal); // not its stale "ACTIVE"
        Assert.DoesNotContain("ACTIVE", TableRow(result, Gamma), StringComparison.Ordinal);
        Assert.Contains("not ACTIVE (SUSPENDED): Spot account kept", TableRow(result, Beta), StringComparison.Ordinal);
        Assert.Contains("1 account(s) left the organization or are excluded and 1 are not ACTIVE", result.StdErr, StringComparison.Ordinal);

        var first = Run("org", "deploy");
        Assert.Equal(0, first.ExitCode);
        Assert.EndsWith("Next: `spot-connect org prune --accounts FILE` (2 account(s): not ACTIVE (SUSPENDED) but still in a StackSet: review, then prune (1); left the organization but still in a StackSet: review, then prune (1)); then `spot-connect org register` (3).", LastLine(first), StringComparison.Ordinal); // two to retire first, then nothing registered yet
        Assert.Equal("SpotConnect-1", StateOf(Gamma)["stackSet"]!.GetValue<string>()); // without --prune: still deployed

        var pruned = Run("org", "deploy", "--prune");
        Assert.True(pruned.ExitCode == 0, pruned.StdErr);
        Assert.Contains($"taking 2 account(s) that left the organization or are no longer ACTIVE out of their StackSet: {Beta}, {Gamma}", pruned.StdErr, StringComparison.Ordinal);
        Assert.Null(StateOf(Gamma)["stackSet"]);
        Assert.Null(StateOf(Beta)["stackSet"]);
        Assert.Equal("SpotConnect-1", StateOf(Alpha)["stackSet"]!.GetValue<string>());
        Assert.NotNull(StateOf(Gamma)["spotAccountId"]);

        // Recorded as `org prune --yes` records them: when, and from which StackSet (the docs promise both).
        Assert.All(new[] { Beta, Gamma }, id => Assert.Equal("SpotConnect-1", StateOf(id)["prunedFromStackSet"]!.GetValue<string>()));
        Assert.All(new[] { Beta, Gamma }, id => Assert.NotNull(StateOf(id)["prunedAt"]));
        Assert.Null(StateOf(Alpha)["prunedAt"]);
    }

    [Fact]
    public void Deploy_assigns_accounts_to_StackSets_saves_the_state_and_runs_cdk_deploy_with_the_state_and_settings()
    {
        Assert.Equal(0, Prepare().ExitCode);

        var result = Run("org", "deploy", "--bundles", "ocean,ocean.eks", "--role-name", "SpotOrgRole");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(["SpotConnect-1"], State["stackSets"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        Assert.All(new[] { Alpha, Beta, Gamma, Numeric }, id => Assert.Equal("SpotConnect-1", StateOf(id)["stackSet"]!.GetValue<string>()));
        Assert.Null(StateOf(Management)["stackSet"]); // the org stack holds the management account's role itself
        var deploy = Assert.Single(_deployer.Requests);
        Assert.Equal("SpotOrgStack", deploy.StackName);
        Assert.Equal(StatePath, deploy.ContextValue("spot:orgState"));
        Assert.Equal("aws", deploy.ContextValue("spot:partition"));
        Assert.Equal("SpotOrgStack", deploy.ContextValue("spot:stackName"));
        Assert.Equal("ocean,ocean.eks", deploy.ContextValue("spot:bundles"));
        Assert.Equal("SpotOrgRole", deploy.ContextValue("spot:roleName"));
        Assert.Null(deploy.ContextValue("spot:externalId"));

        var bad = Run("org", "deploy", "--bundles", "nope", "--role-name", "bad name!");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--bundles", bad.StdErr, StringComparison.Ordinal);
        Assert.Contains("--role-name", bad.StdErr, StringComparison.Ordinal);
        Assert.Single(_deployer.Requests);
    }

    [Fact]
    public void Deploy_places_accounts_as_SpotOrgStack_computes_and_refuses_what_cannot_deploy_before_writing_anything()
    {
        var accounts = Enumerable.Range(0, 1200).Select(i => new SpotConnect.Org.OrgAccount
        {
            AwsAccountId = (200000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Name = $"member-{i}",
            AwsState = "ACTIVE",
            SpotAccountId = $"act-{i:D8}",
            ExternalId = $"pzwWFQdK8ih4ei1T3BpX5EI-OlzFWTRamyq-ckdo{i:D4}",
        }).ToArray();
        var state = new SpotConnect.Org.OrgState { Partition = "aws", ManagementAccountId = Management, TargetOus = [Ou], Accounts = accounts };
        SpotConnect.Org.OrgStateStore.Save(StatePath, state);
        var before = File.ReadAllText(StatePath);

        // Not bootstrapped, SpotOrgStack and its member templates must fit 51,200 bytes inline: 1,200 accounts do not.
        var inline = Run("org", "deploy");
        Assert.Equal(2, inline.ExitCode);
        Assert.Contains("Run `cdk bootstrap` in the admin account and set --bootstrapped", inline.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(StatePath));
        Assert.Empty(_deployer.Requests);

        var link = SpotConnect.Settings.SpotLinkSpec.Resolve(new SpotConnect.Settings.SpotLinkOptions());
        var capacity = SpotConnect.Settings.SpotOrgSpec.CapacityOf(state, link, bootstrapped: true).Accounts;
        var result = Run("org", "deploy", "--bootstrapped", "--org-region", "eu-west-1", "--org-failure-tolerance", "25");
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal((1200 + capacity - 1) / capacity, State["stackSets"]!.AsArray().Count);
        Assert.Equal(Math.Min(1200, capacity), State["accounts"]!.AsArray().Count(a => a!["stackSet"]?.GetValue<string>() == "SpotConnect-1"));
        var deploy = Assert.Single(_deployer.Requests);
        Assert.Equal("true", deploy.ContextValue("spot:bootstrapped"));
        Assert.Equal("eu-west-1", deploy.ContextValue("spot:orgRegion"));
        Assert.Equal("25", deploy.ContextValue("spot:orgFailureTolerance"));

        var bad = Run("org", "deploy", "--org-region", "us-gov-west-1", "--org-failure-tolerance", "101");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--org-region", bad.StdErr, StringComparison.Ordinal);
        Assert.Contains("--org-failure-tolerance", bad.StdErr, StringComparison.Ordinal);
        Assert.Single(_deployer.Requests);
    }

    [Fact]
    public void Deployed_region_and_targets_are_kept_and_a_change_that_would_delete_roles_is_refused()
    {
        Assert.Equal(0, Prepare().ExitCode);
        var first = Run("org", "deploy", "--org-region", "eu-west-1");
        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.Equal("eu-west-1", State["region"]!.GetValue<string>());
        Assert.Equal("SELF", State["callAs"]!.GetValue<string>());

        // A later run without the option keeps the region (the app reads it from the state too).
        Assert.Equal(0, Run("org", "deploy").ExitCode);
        Assert.Null(_deployer.Requests[^1].ContextValue("spot:orgRegion"));
        Assert.Equal("eu-west-1", State["region"]!.GetValue<string>());

        var moved = Run("org", "deploy", "--org-region", "us-east-1");
        Assert.Equal(2, moved.ExitCode);
        Assert.Contains("--org-region: 'us-east-1' is invalid: the StackSets' instances are in eu-west-1", moved.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, _deployer.Requests.Count);

        // Dropping a target OU the StackSets deploy to would delete every role under it.
        var before = File.ReadAllText(StatePath);
        var dropped = Run("org", "prepare", "--accounts", "accounts.json", "--target-ou", "ou-ab12-zzzzzzzz");
        Assert.Equal(2, dropped.ExitCode);
        Assert.Contains($"the StackSets already deploy to {Ou}", dropped.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(StatePath));
        Assert.Equal(0, Run("org", "prepare", "--accounts", "accounts.json", "--target-ou", $"{Ou},ou-ab12-zzzzzzzz").ExitCode); // adding is fine

        // sync acts as one administrator throughout: --call-as, prepare's, says it; deploy's --org-call-as is not offered.
        var twice = Run("org", "sync", "--accounts", "accounts.json", "--target-ou", Ou, "--call-as", "SELF", "--org-call-as", "DELEGATED_ADMIN");
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("--org-call-as", twice.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("--org-call-as", Run("org", "sync", "--help").StdOut, StringComparison.Ordinal);
        Assert.Contains("--org-call-as", Run("org", "deploy", "--help").StdOut, StringComparison.Ordinal);
        var badCaller = Run("org", "prepare", "--accounts", "accounts.json", "--target-ou", Ou, "--call-as", "ROOT");
        Assert.Contains("--call-as: 'ROOT' is invalid: not a StackSets caller. Valid choices: SELF, DELEGATED_ADMIN.", badCaller.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_registers_each_role_reports_a_table_and_a_rerun_registers_only_the_failed_ones()
    {
        Assert.Equal(0, Prepare().ExitCode);
        Assert.Equal(0, Run("org", "deploy").ExitCode);
        _spot.RefusedRoles.Add($"arn:aws:iam::{Beta}:role/Spot-Role");

        var result = Run("org", "register");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("FAILED", TableRow(result, Beta), StringComparison.Ordinal);
        Assert.Contains("CANT_VALIDATE_ROLE", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("registered", TableRow(result, Alpha), StringComparison.Ordinal);
        Assert.Contains($"arn:aws:iam::{Management}:role/Spot-Role", TableRow(result, Management), StringComparison.Ordinal);
        Assert.All(new[] { Alpha, Gamma, Numeric, Management }, id => Assert.Equal($"arn:aws:iam::{id}:role/Spot-Role", _spot.Accounts.Single(a => a.Id == StateOf(id)["spotAccountId"]!.GetValue<string>()).Role));
        Assert.Null(StateOf(Beta)["registeredAt"]);
        Assert.NotNull(StateOf(Alpha)["registeredAt"]);

        _spot.RefusedRoles.Clear();
        var before = Posts("/setup/credentials/aws");
        var again = Run("org", "register");

        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.Equal(before + 1, Posts("/setup/credentials/aws"));
        Assert.Contains("already registered", TableRow(again, Alpha), StringComparison.Ordinal);
        Assert.NotNull(StateOf(Beta)["registeredAt"]);
    }

    [Fact]
    public void A_role_path_is_part_of_every_registered_ARN_and_a_bad_one_is_refused_before_any_call()
    {
        Assert.Equal(0, Prepare().ExitCode);
        var deploy = Run("org", "deploy", "--role-path", "/vendor/spot/");
        Assert.True(deploy.ExitCode == 0, deploy.StdErr);
        Assert.Equal("/vendor/spot/", _deployer.Requests[^1].ContextValue("spot:rolePath"));

        var bad = Run("org", "register", "--role-path", "vendor");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--role-path: 'vendor' is invalid: an IAM path is '/' or starts and ends with '/'", bad.StdErr, StringComparison.Ordinal);
        Assert.Equal(0, Posts("/setup/credentials/aws"));

        var result = Run("org", "register", "--role-path", "/vendor/spot/");
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.All(new[] { Alpha, Beta, Gamma, Management }, id =>
            Assert.Equal($"arn:aws:iam::{id}:role/vendor/spot/Spot-Role", _spot.Accounts.Single(a => a.Id == StateOf(id)["spotAccountId"]!.GetValue<string>()).Role));
    }

    [Fact]
    public void Status_prints_every_account_as_json()
    {
        Assert.Equal(0, Prepare("--exclude", Numeric).ExitCode);
        Assert.Equal(0, Run("org", "deploy").ExitCode);
        Assert.Equal(0, Run("org", "register").ExitCode);

        var json = JsonNode.Parse(Run("org", "status", "--json").StdOut)!["accounts"]!.AsArray();

        Assert.Equal([Alpha, Management, Beta, Gamma], json.Select(a => a!["awsAccountId"]!.GetValue<string>()));
        var alpha = json[0]!;
        Assert.Equal("alpha", alpha["name"]!.GetValue<string>());
        Assert.Equal("ACTIVE", alpha["awsState"]!.GetValue<string>());
        Assert.Equal(StateOf(Alpha)["spotAccountId"]!.GetValue<string>(), alpha["spotAccountId"]!.GetValue<string>());
        Assert.Equal(StateOf(Alpha)["externalId"]!.GetValue<string>(), alpha["externalId"]!.GetValue<string>());
        Assert.Equal("SpotConnect-1", alpha["stackSet"]!.GetValue<string>());
        Assert.True(alpha["registered"]!.GetValue<bool>());
        Assert.True(json[1]!["managementAccount"]!.GetValue<bool>());
        Assert.False(alpha["managementAccount"]!.GetValue<bool>());
        Assert.Null(alpha["lastError"]);

        var table = Run("org", "status");
        Assert.Contains("(management account)", TableRow(table, Management), StringComparison.Ordinal);
        Assert.Equal(2, Run("org", "status", "--state", "missing.json").ExitCode);
    }

    [Fact]
    public void From_a_delegated_administrator_the_management_account_is_left_to_link()
    {
        var missing = Prepare("--call-as", "DELEGATED_ADMIN");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--management-account: no value is invalid: is required with --call-as DELEGATED_ADMIN", missing.StdErr, StringComparison.Ordinal);

        _stub.Sts.Reset(); // no STS call is needed with --management-account
        var result = Prepare("--call-as", "DELEGATED_ADMIN", "--management-account", Management);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Null(StateOf(Management)["spotAccountId"]);
        Assert.Contains("needs `spot-connect link`", TableRow(result, Management), StringComparison.Ordinal);
        Assert.Contains("run `spot-connect link`", StateOf(Management)["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(4, Posts());
        Assert.Equal("DELEGATED_ADMIN", State["callAs"]!.GetValue<string>());

        // Later runs act as the state says without being told (no STS lookup, the management account from the state)…
        var again = Prepare();
        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.Equal(4, Posts());
        Assert.Equal(0, Run("org", "deploy").ExitCode);
        Assert.Null(_deployer.Requests[^1].ContextValue("spot:orgCallAs")); // the app reads it from the state, as the CLI did
        Assert.Equal("DELEGATED_ADMIN", State["callAs"]!.GetValue<string>());

        // …and a different administrator is refused.
        var self = Prepare("--call-as", "SELF");
        Assert.Equal(2, self.ExitCode);
        Assert.Contains("--call-as: 'SELF' is invalid: this state's StackSets are administered as DELEGATED_ADMIN", self.StdErr, StringComparison.Ordinal); // Core's rule, named by prepare's option
    }

    [Fact]
    public void Sync_from_a_delegated_administrator_deploys_as_DELEGATED_ADMIN_and_registers_no_role_for_the_management_account()
    {
        var result = Run("org", "sync", "--accounts", "accounts.json", "--target-ou", Ou, "--call-as", "DELEGATED_ADMIN", "--management-account", Management);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal("DELEGATED_ADMIN", Assert.Single(_deployer.Requests).ContextValue("spot:orgCallAs"));
        Assert.Contains("not ready", TableRow(result, Management), StringComparison.Ordinal);
        Assert.Null(StateOf(Management)["registeredAt"]);
        Assert.All(new[] { Alpha, Beta, Gamma, Numeric }, id => Assert.NotNull(StateOf(id)["registeredAt"]));

        // The management account is `spot-connect link`'s there, never a step of this state: a scheduled check passes.
        var status = Run("org", "status", "--fail-on-pending");
        Assert.True(status.ExitCode == 0, status.StdOut);
        Assert.EndsWith("Nothing else is due.", LastLine(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_of_another_account_than_the_management_account_are_refused_as_SELF()
    {
        _stub.CallerIs("arn:aws:iam::999999999999:user/ci", "999999999999");

        var result = Prepare();

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the AWS credentials are for 999999999999, but the accounts file's ARNs name 123456789012 as the management account", result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(StatePath));
        Assert.Empty(_stub.Calls);
    }

    [Fact]
    public void The_token_comes_only_from_the_environment_or_a_file()
    {
        var asArgument = Run("org", "prepare", "--accounts", "accounts.json", "--target-ou", Ou, "--token", SpotStub.Token);
        Assert.Equal(2, asArgument.ExitCode);
        Assert.Empty(_stub.Calls);
        Assert.DoesNotContain(SpotStub.Token, asArgument.StdErr, StringComparison.Ordinal); // not even in the echo of the refused argument
        Assert.DoesNotContain(SpotStub.Token, asArgument.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_in_cdk_json_reach_sync_deploy_and_plan_without_an_option_and_an_option_takes_their_place_for_one_run()
    {
        ConnectionProjectFiles.Write(_dir, context: """{"spot:bundles": "ocean", "spot:regions": ["eu-west-1", "eu-central-1"]}""");

        var first = Run("org", "sync", "--accounts", "accounts.json", "--target-ou", Ou);

        Assert.True(first.ExitCode == 0, first.StdErr);
        var deployed = Assert.Single(_deployer.Requests);
        Assert.Equal("ocean", deployed.ContextValue("spot:bundles"));
        Assert.Equal("eu-west-1,eu-central-1", deployed.ContextValue("spot:regions"));
        Assert.Equal("ocean", State["deployed"]!["settings"]!["spot:bundles"]!.GetValue<string>());

        // A plan without options is the reviewed cdk.json: no change (before, it planned the default bundles, +42 permissions).
        var plan = Run("org", "plan", "--fail-on-change");
        Assert.True(plan.ExitCode == 0, plan.StdOut + plan.StdErr);

        // An option for one run is said so, and cdk.json stays what the next run reads.
        var widened = Run("org", "deploy", "--bundles", "default");
        Assert.True(widened.ExitCode == 0, widened.StdErr);
        Assert.Contains("--bundles default takes the place of spot:bundles = ocean in cdk.json, for this run only", widened.StdErr, StringComparison.Ordinal);
        Assert.Equal("default", _deployer.Requests[^1].ContextValue("spot:bundles"));
        Assert.Equal(4, Run("org", "plan", "--fail-on-change").ExitCode); // back to cdk.json's ocean: a change
        var back = Run("org", "deploy");
        Assert.True(back.ExitCode == 0, back.StdErr);
        Assert.Equal("ocean", _deployer.Requests[^1].ContextValue("spot:bundles"));
    }

    [Fact]
    public void Sync_prepares_deploys_and_registers_in_one_run_and_a_second_run_sends_no_POST()
    {
        var first = Run("org", "sync", "--accounts", "accounts.json", "--target-ou", Ou, "--bundles", "ocean");

        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.Contains("[3/3] register", first.StdErr, StringComparison.Ordinal);
        Assert.Equal("ocean", Assert.Single(_deployer.Requests).ContextValue("spot:bundles"));
        Assert.All(State["accounts"]!.AsArray(), a => Assert.NotNull(a!["registeredAt"]));

        var posts = _stub.Calls.Count(c => c.StartsWith("POST", StringComparison.Ordinal));
        var second = Run("org", "sync", "--accounts", "accounts.json", "--target-ou", Ou, "--bundles", "ocean");

        Assert.True(second.ExitCode == 0, second.StdErr);
        Assert.Equal(posts, _stub.Calls.Count(c => c.StartsWith("POST", StringComparison.Ordinal)));
        Assert.Equal(2, _deployer.Requests.Count);
    }
    [Fact]
    public void A_create_Spot_commits_only_after_the_run_gave_up_and_listed_again_is_adopted_by_the_next_run_never_created_twice()
    {
        // Slow Spot: beta's create is answered too late for the client and committed only after the run's last list.
        _spot.CommitLate("beta");
        _cli.HttpTimeout = TimeSpan.FromMilliseconds(500);

        var first = Prepare();

        Assert.Equal(3, first.ExitCode);
        Assert.Contains("FAILED", TableRow(first, Beta), StringComparison.Ordinal);
        Assert.Null(StateOf(Beta)["spotAccountId"]);
        Assert.NotNull(StateOf(Beta)["spotAccountCreateStartedAt"]);
        Assert.Contains("the next run will look for it", StateOf(Beta)["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(_spot.LateCommitted.IsCompletedSuccessfully, "Spot commits beta only after the run's last list"); // before that list was answered
        Assert.Equal(1, _spot.CreateRequests("beta"));

        _cli.HttpTimeout = TimeSpan.FromSeconds(30);
        var second = Prepare();

        Assert.True(second.ExitCode == 0, second.StdErr);
        Assert.Equal(1, _spot.CreateRequests("beta"));
        var beta = Assert.Single(_spot.Accounts, a => a.Name == "beta");
        Assert.Equal(beta.Id, StateOf(Beta)["spotAccountId"]!.GetValue<string>());
        Assert.Contains("adopted (interrupted create)", TableRow(second, Beta), StringComparison.Ordinal);
        Assert.Null(StateOf(Beta)["lastError"]);
    }

    [Theory]
    [InlineData(408)]
    [InlineData(499)]
    [InlineData(200)] // a success without an account in it
    public void A_create_answered_without_a_definite_refusal_keeps_its_mark_and_is_not_sent_again(int status)
    {
        _stub.On("POST", "/setup/account", status, status == 200 ? SpotStub.Envelope() : SpotStub.Error(status, "TIMEOUT", "gave up"), priority: 1);

        var result = Prepare();

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(5, Posts()); // one create per account, none sent again
        Assert.Equal(2, _stub.Calls.Count(c => c == "GET /setup/account"));
        Assert.All(State["accounts"]!.AsArray(), a =>
        {
            Assert.NotNull(a!["spotAccountCreateStartedAt"]);
            Assert.Contains("unknown outcome", a["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void With_the_state_file_lost_the_unconnected_Spot_accounts_of_the_first_run_are_not_taken_until_given_and_never_created_again()
    {
        Assert.Equal(0, Prepare().ExitCode);
        var ids = new[] { Management, Alpha, Beta, Gamma, Numeric }.ToDictionary(id => id, id => StateOf(id)["spotAccountId"]!.GetValue<string>());
        var posts = Posts();
        File.Delete(StatePath);

        // Without a record, an unconnected account of the name could be anyone's: not taken, and nothing is created.
        var refused = Prepare();
        Assert.Equal(3, refused.ExitCode);
        Assert.Equal(posts, Posts());
        foreach (var (aws, spot) in ids)
        {
            Assert.Contains("FAILED", TableRow(refused, aws), StringComparison.Ordinal);
            Assert.Null(StateOf(aws)["spotAccountId"]);
            Assert.Contains($"To use it, run again with --spot-account {aws}={spot}", StateOf(aws)["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // The one option that takes exactly those, printed once.
        var option = System.Text.RegularExpressions.Regex.Match(refused.StdErr, "To take exactly those, run again with --spot-account (\\S+)").Groups[1].Value;
        Assert.Equal(string.Join(",", ids.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => $"{i.Key}={i.Value}")), option);
        var again = Prepare("--spot-account", option);

        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.Equal(posts, Posts());
        Assert.Equal(5, _spot.Accounts.Count);
        foreach (var (aws, spot) in ids)
        {
            Assert.Equal(spot, StateOf(aws)["spotAccountId"]!.GetValue<string>());
            Assert.Contains("given (--spot-account)", TableRow(again, aws), StringComparison.Ordinal);
            Assert.Equal("given", StateOf(aws)["spotAccountSource"]!.GetValue<string>());
            Assert.False(StateOf(aws)["spotAccountCreated"]!.GetValue<bool>()); // never deleted by SpotConnect
            Assert.NotNull(StateOf(aws)["externalId"]);
        }
    }

    [Fact]
    public void A_wrong_spot_account_pair_is_refused_by_the_option_before_anything_is_created()
    {
        var other = _spot.Seed("elsewhere", connectedAwsAccount: "999999999999");

        var result = Prepare("--spot-account", $"{Alpha}=act-deadbeef,{Beta}={other.Id},12=act-1,{Gamma}");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--spot-account: '12=act-1' is invalid: give AWS=act-… pairs", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"--spot-account: '{Gamma}' is invalid: give AWS=act-… pairs", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(0, Posts());

        var unknown = Prepare("--spot-account", $"{Alpha}=act-deadbeef,{Beta}={other.Id}");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains($"--spot-account: '{Alpha}=act-deadbeef' is invalid: this Spot account is not an account of this Spot organization.", unknown.StdErr, StringComparison.Ordinal);
        Assert.Contains($"--spot-account: '{Beta}={other.Id}' is invalid: this Spot account is connected to AWS account 999999999999, not {Beta}.", unknown.StdErr, StringComparison.Ordinal);
        Assert.Equal(0, Posts());

        // One Spot account belongs to one AWS account: not one another account of the state records.
        Assert.Equal(0, Prepare().ExitCode);
        var alphas = StateOf(Alpha)["spotAccountId"]!.GetValue<string>();
        var taken = Prepare("--spot-account", $"{Beta}={alphas}");
        Assert.Equal(2, taken.ExitCode);
        Assert.Contains($"--spot-account: '{Beta}={alphas}' is invalid: the state records {alphas} as the Spot account of {Alpha}", taken.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Unconnected_Spot_accounts_of_the_name_that_the_state_does_not_record_fail_that_account_listing_them_and_the_others_proceed()
    {
        var one = _spot.Seed("beta");
        var two = _spot.Seed("beta");

        var result = Prepare();

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(0, _spot.CreateRequests("beta"));
        Assert.Contains("FAILED", TableRow(result, Beta), StringComparison.Ordinal);
        var error = StateOf(Beta)["lastError"]!.GetValue<string>();
        Assert.Contains($"unconnected Spot accounts named 'beta' exist ({string.Join(", ", new[] { one.Id, two.Id }.Order(StringComparer.Ordinal))}) and the state records no create of any", error, StringComparison.Ordinal);
        Assert.DoesNotContain("To take exactly those", result.StdErr, StringComparison.Ordinal); // no pick among several
        Assert.Null(StateOf(Beta)["spotAccountId"]);
        Assert.All(new[] { Alpha, Gamma, Numeric, Management }, id => Assert.NotNull(StateOf(id)["externalId"]));
        Assert.Equal(4, Posts());
        Assert.EndsWith($"Next: `spot-connect org prepare --accounts FILE --target-ou {Ou}` (1 account(s): ACTIVE without a Spot account or an external id); then `spot-connect org deploy` (4).", LastLine(result), StringComparison.Ordinal);
        var status = Run("org", "status", "--fail-on-pending");
        Assert.Equal(4, status.ExitCode);
        Assert.Contains($"Due for 1 account(s): `spot-connect org prepare --accounts FILE --target-ou {Ou}`", status.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void After_an_interrupted_create_an_unconnected_account_without_createdAt_is_not_adopted_silently_beside_another()
    {
        var started = _cli.Clock.GetUtcNow().AddMinutes(-3);
        var made = _spot.Seed("alpha", createdAt: started.AddSeconds(1), createdByStub: true);
        var undated = _spot.Seed("alpha", withoutCreatedAt: true);
        File.WriteAllText(StatePath, $$"""
            {
              "version": 1, "partition": "aws", "managementAccountId": "{{Management}}", "targetOus": ["{{Ou}}"],
              "accounts": [ { "awsAccountId": "{{Alpha}}", "name": "alpha", "awsState": "ACTIVE", "spotAccountName": "alpha", "spotAccountCreateStartedAt": "{{started:O}}" } ]
            }
            """);

        var result = Prepare();

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(0, _spot.CreateRequests("alpha"));
        Assert.Null(StateOf(Alpha)["spotAccountId"]);
        Assert.Contains($"2 unconnected Spot accounts named 'alpha' could be this account's ({string.Join(", ", new[] { made.Id, undated.Id }.Order(StringComparer.Ordinal))})", StateOf(Alpha)["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(StateOf(Alpha)["spotAccountCreateStartedAt"]);
    }

    [Fact]
    public void A_second_command_on_a_locked_state_fails_at_once_naming_the_lock_file_and_calls_nobody()
    {
        var lockPath = StatePath + ".lock";
        using (new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            foreach (var locked in new[] { Prepare(), Run("org", "register"), Run("org", "sync", "--accounts", "accounts.json", "--target-ou", Ou) })
            {
                Assert.Equal(1, locked.ExitCode);
                Assert.Contains($"holds the lock file {lockPath}", locked.StdErr, StringComparison.Ordinal);
            }

            Assert.Empty(_stub.Calls);
            Assert.False(File.Exists(StatePath));
            Assert.Empty(_deployer.Requests);
        }

        var free = Prepare();
        Assert.True(free.ExitCode == 0, free.StdErr);
    }

    [Fact]
    public void Every_create_is_on_disk_as_started_when_Spot_receives_it()
    {
        var names = Enumerable.Range(1, 40).Select(i => (Id: $"6000000000{i:00}", Name: $"unit-{i:00}", State: "ACTIVE")).ToArray();
        WriteAccounts(names);
        var seen = new System.Collections.Concurrent.ConcurrentBag<string>();
        _spot.OnCreateArrival = name =>
        {
            var account = State["accounts"]!.AsArray().Single(a => a!["name"]!.GetValue<string>() == name)!;
            if (account["spotAccountName"]?.GetValue<string>() == name && account["spotAccountCreateStartedAt"] is not null)
            {
                seen.Add(name);
            }

            return Task.CompletedTask;
        };

        var result = Prepare("--management-account", Management, "--concurrency", "4");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(names.Select(n => n.Name).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    private static string LastLine(ProcessResult result) => result.StdOut.TrimEnd().Split('\n')[^1];
}
