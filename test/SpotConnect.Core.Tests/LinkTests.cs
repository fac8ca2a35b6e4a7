using System.Text.Json.Nodes;
using SpotConnect.Cli;
using SpotConnect.Cli.Link;
using SpotConnect.Spot;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary>A deployer that records what it was asked and answers with a role ARN (the real one runs `cdk deploy`).</summary>
internal sealed class RecordingDeployer(string roleArn = "arn:aws:iam::123456789012:role/Spot-Role") : IStackDeployer
{
    public List<DeployRequest> Requests { get; } = [];

    public int FailuresLeft { get; set; }

    public Task<IReadOnlyDictionary<string, string>> DeployAsync(DeployRequest request, Action<string> report, CancellationToken cancellation)
    {
        Requests.Add(request);
        if (FailuresLeft-- > 0)
        {
            throw new InvalidOperationException("cdk deploy failed with exit code 1 (see its output above).");
        }

        report("cdk: SpotLinkStack deployed");
        return Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string> { ["SpotRoleArn"] = roleArn });
    }

    public List<DeployRequest> Destroys { get; } = [];

    public Task DestroyAsync(DeployRequest request, Action<string> report, CancellationToken cancellation)
    {
        Destroys.Add(request);
        if (FailuresLeft-- > 0)
        {
            throw new InvalidOperationException("cdk destroy failed with exit code 1 (see its output above).");
        }

        report($"cdk: {request.StackName}: destroyed");
        return Task.CompletedTask;
    }
}

/// <summary><c>spot-connect link</c> against local stand-ins for Spot's API and STS.</summary>
public sealed class LinkTests : IDisposable
{
    private const string Account = "act-1a2b3c4d";
    private const string RoleArn = "arn:aws:iam::123456789012:role/Spot-Role";
    private const string ExternalId = "pzwWFQdK8ih4ei1T3BpX5EI-OlzFWTRamyq-ckdopWk-";

    private readonly SpotStub _stub = new();
    private readonly DirectoryInfo _dir = Scratch.Folder("spotconnect-link-");
    private readonly RecordingDeployer _deployer = new();
    private readonly SpotCliHarness _cli;

    public LinkTests() => _cli = new SpotCliHarness(_stub, _dir, _deployer, propagationTimeout: TimeSpan.FromSeconds(1));

    public void Dispose() => _cli.Dispose();

    private string StatePath => Path.Combine(_dir.FullName, "spot-link.json");

    private JsonObject State => JsonNode.Parse(File.ReadAllText(StatePath))!.AsObject();

    private ProcessResult Run(params string[] args) => RunWith(_stub.Environment, args);

    private ProcessResult RunWith(Dictionary<string, string?> environment, params string[] args) => _cli.Run(environment, args);

    /// <summary>Spot with no account for this AWS account yet, and no role registered until one is posted.</summary>
    private void NewAccountSpot() => _stub.AnswersANewLink(Account, ExternalId, RoleArn);

    [Fact]
    public void Link_connects_a_new_account_end_to_end()
    {
        NewAccountSpot();
        var result = Run("link");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(
        [
            "GET /setup/account", // listed once: connected, recorded and interrupted creates are all found in it
            "POST /setup/account",
            $"POST /setup/credentials/aws/externalId?accountId={Account}",
            $"GET /setup/credentials/aws?accountId={Account}",
            $"POST /setup/credentials/aws?accountId={Account}",
            $"GET /setup/credentials/aws?accountId={Account}",
        ], _stub.Calls);

        foreach (var request in _stub.Requests)
        {
            Assert.Equal($"Bearer {SpotStub.Token}", request.RequestMessage!.Headers!["Authorization"].Single());
            Assert.StartsWith("application/json", request.RequestMessage!.Headers["Content-Type"].Single(), StringComparison.Ordinal);
        }

        var create = JsonNode.Parse(_stub.Requests[1].RequestMessage!.Body!)!;
        Assert.Equal("aws-123456789012", create["account"]!["name"]!.GetValue<string>());
        var register = JsonNode.Parse(_stub.Requests[4].RequestMessage!.Body!)!;
        Assert.Equal(RoleArn, register["credentials"]!["iamRole"]!.GetValue<string>());

        var deploy = Assert.Single(_deployer.Requests);
        Assert.Equal(ExternalId, deploy.ContextValue("spot:externalId"));
        Assert.Equal("SpotLinkStack", deploy.StackName);
        Assert.Equal("aws", deploy.ContextValue("spot:partition"));

        var state = State;
        Assert.Equal(SpotStub.AwsAccount, state["awsAccountId"]!.GetValue<string>());
        Assert.Equal("aws", state["partition"]!.GetValue<string>());
        Assert.Equal(Account, state["spotAccountId"]!.GetValue<string>());
        Assert.True(state["spotAccountCreated"]!.GetValue<bool>());
        Assert.Equal(ExternalId, state["externalId"]!.GetValue<string>());
        Assert.NotNull(state["externalIdValidUntil"]);
        Assert.Equal(RoleArn, state["roleArn"]!.GetValue<string>());
        Assert.NotNull(state["linkedAt"]);

        Assert.Contains("[1/3] prepare", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("[3/3] register", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"Connected: AWS account 123456789012 is linked to Spot account {Account} through {RoleArn} (Spot account created by this run).", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Running_twice_never_creates_a_second_account_nor_writes_the_role_again()
    {
        NewAccountSpot();
        Assert.Equal(0, Run("link").ExitCode);
        var firstCalls = _stub.Calls.Count;

        var again = Run("link");

        Assert.True(again.ExitCode == 0, again.StdErr);
        var secondRun = _stub.Calls.Skip(firstCalls).ToArray();
        Assert.Equal(["GET /setup/account", $"GET /setup/credentials/aws?accountId={Account}"], secondRun);
        Assert.Contains("already linked", again.StdErr, StringComparison.Ordinal);
        Assert.EndsWith($"through {RoleArn}.", again.StdOut.Trim(), StringComparison.Ordinal); // an earlier run created it, not this one
        Assert.Equal(1, _stub.Calls.Count(c => c == "POST /setup/account"));
        Assert.Equal(2, _deployer.Requests.Count); // cdk deploy itself is idempotent: no change, no harm
        Assert.All(_deployer.Requests, r => Assert.Equal(ExternalId, r.ContextValue("spot:externalId")));
    }

    [Fact]
    public void An_account_already_connected_to_this_AWS_account_is_reused()
    {
        _stub.On("GET", "/setup/account", 200, SpotStub.Envelope(new JsonObject { ["accountId"] = "act-99999999", ["name"] = "prod", ["providerExternalId"] = SpotStub.AwsAccount }));
        _stub.On("POST", "/setup/credentials/aws/externalId", 200, SpotStub.Envelope(new JsonObject { ["externalId"] = "spotinst:aws:extid:AbCdEf0123456789" }));

        var result = Run("link", "prepare", "--name", "ignored");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.DoesNotContain("POST /setup/account", _stub.Calls);
        Assert.Equal("act-99999999", State["spotAccountId"]!.GetValue<string>());
        Assert.False(State["spotAccountCreated"]!.GetValue<bool>());
        Assert.Contains("already connected to AWS account 123456789012", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_failed_deploy_the_next_run_continues_from_the_state()
    {
        NewAccountSpot();
        _deployer.FailuresLeft = 1;
        var failed = Run("link");
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("cdk deploy failed", failed.StdErr, StringComparison.Ordinal);
        Assert.Equal(ExternalId, State["externalId"]!.GetValue<string>());
        Assert.Null(State["roleArn"]);

        var resumed = Run("link");
        Assert.True(resumed.ExitCode == 0, resumed.StdErr);
        Assert.Equal(1, _stub.Calls.Count(c => c == "POST /setup/account"));
        Assert.Equal(1, _stub.Calls.Count(c => c.StartsWith("POST /setup/credentials/aws/externalId", StringComparison.Ordinal)));
        Assert.Equal(RoleArn, State["roleArn"]!.GetValue<string>());
    }

    [Fact]
    public void A_link_state_written_on_2026_11_23_deploys_the_stack_and_external_id_it_recorded()
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Compatibility", "spot-link.2026-11-23.json"), StatePath);
        var committed = File.ReadAllText(StatePath);

        var plan = Run("link", "plan");
        Assert.True(plan.ExitCode == 0, plan.StdErr);
        Assert.Contains("link plan: SpotProd in AWS account 123456789012", plan.StdOut, StringComparison.Ordinal);
        Assert.Equal(committed, File.ReadAllText(StatePath)); // reading it writes nothing

        // The stack it recorded is the one deployed: another name would be a second stack with a second role.
        var other = Run("link", "deploy", "--stack-name", "SpotLinkStack");
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("--stack-name: 'SpotLinkStack' is invalid: the link is deployed as stack 'SpotProd'", other.StdErr, StringComparison.Ordinal);
        Assert.Empty(_deployer.Requests);

        var deployed = Run("link", "deploy");
        Assert.True(deployed.ExitCode == 0, deployed.StdErr);
        var request = _deployer.Requests.Single();
        Assert.Equal("SpotProd", request.StackName);
        Assert.Equal("SpotProd", request.ContextValue("spot:stackName"));
        Assert.Equal(ExternalId, request.ContextValue("spot:externalId"));
        Assert.Null(request.ContextValue("spot:bundles")); // none recorded then, none given now: the app's default
        Assert.Equal("act-1a2b3c4d", State["spotAccountId"]!.GetValue<string>());
        Assert.Equal(RoleArn, State["roleArn"]!.GetValue<string>());
        Assert.DoesNotContain(_stub.Calls, c => c.StartsWith("POST", StringComparison.Ordinal)); // nothing created at Spot again

        // `link` (all steps) refuses another stack before its prepare step calls Spot.
        var calls = _stub.Calls.Count;
        Assert.Equal(2, Run("link", "--stack-name", "SpotLinkStack").ExitCode);
        Assert.Equal(calls, _stub.Calls.Count);

        // As a prepare for another Spot account leaves it (no role, no deploy time), the stack still stands: deployed again.
        var reset = State;
        reset.Remove("roleArn");
        reset.Remove("deployedAt");
        reset.Remove("linkedAt");
        File.WriteAllText(StatePath, reset.ToJsonString());
        Assert.Equal(0, Run("link", "deploy").ExitCode);
        Assert.Equal("SpotProd", _deployer.Requests[^1].StackName);
    }

    [Fact]
    public void The_steps_run_alone_in_order()
    {
        NewAccountSpot();
        Assert.Equal(2, Run("link", "deploy").ExitCode); // nothing prepared yet
        Assert.Equal(0, Run("link", "prepare").ExitCode);
        var deployed = Run("link", "deploy", "--bundles", "ocean,ocean.eks", "--stack-name", "SpotProd");
        Assert.True(deployed.ExitCode == 0, deployed.StdErr);
        Assert.Equal("ocean,ocean.eks", _deployer.Requests.Single().ContextValue("spot:bundles"));
        Assert.Equal("SpotProd", State["stackName"]!.GetValue<string>());
        Assert.Equal($"Deployed: {RoleArn}. Next: `spot-connect link register` (Spot does not have the role yet: it must be given {RoleArn}).", deployed.StdOut.Trim().Split('\n')[^1]); // a first deploy says what comes next
        Assert.Equal(0, Run("link", "register").ExitCode);
        Assert.NotNull(State["linkedAt"]);

        var again = Run("link", "deploy", "--bundles", "ocean,ocean.eks");
        Assert.Equal($"Deployed: {RoleArn}. Nothing else is due.", again.StdOut.Trim()); // registered: nothing is due
    }

    [Fact]
    public void Propagation_errors_are_retried_visibly_until_Spot_accepts_the_role()
    {
        NewAccountSpot();
        Assert.Equal(0, Run("link", "prepare").ExitCode);
        Assert.Equal(0, Run("link", "deploy").ExitCode);
        const string cannotAssume = "Failed to assume role. Please make sure the role exists and the trust relationship is configured";
        _stub.On("POST", "/setup/credentials/aws", 400, SpotStub.Error(400, "CANT_VALIDATE_IAM_ROLE", cannotAssume), param: ("accountId", Account), scenario: "role", next: "second", priority: 2);
        _stub.On("POST", "/setup/credentials/aws", 400, SpotStub.Error(400, "CANT_VALIDATE_IAM_ROLE", cannotAssume), param: ("accountId", Account), scenario: "role", state: "second", next: "third", priority: 2);
        _stub.On("POST", "/setup/credentials/aws", 200, SpotStub.Envelope(), param: ("accountId", Account), scenario: "role", state: "third", next: "linked", priority: 2);

        var result = Run("link", "register");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(3, _stub.Calls.Count(c => c.StartsWith("POST /setup/credentials/aws?", StringComparison.Ordinal)));
        Assert.Contains("attempt 1: CANT_VALIDATE_IAM_ROLE", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("attempt 2: CANT_VALIDATE_IAM_ROLE", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("read back and confirmed", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Propagation_retries_are_bounded()
    {
        NewAccountSpot();
        Assert.Equal(0, Run("link", "prepare").ExitCode);
        _stub.On("POST", "/setup/credentials/aws", 400, SpotStub.Error(400, "CANT_VALIDATE_IAM_ROLE", "cannot assume"), param: ("accountId", Account), priority: 1);

        var result = Run("link", "register", "--role-arn", RoleArn);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("CANT_VALIDATE_IAM_ROLE", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("gave up after", result.StdErr, StringComparison.Ordinal);
        var attempts = _stub.Calls.Count(c => c.StartsWith("POST /setup/credentials/aws?", StringComparison.Ordinal));
        Assert.InRange(attempts, 3, 60);
        Assert.Null(State["linkedAt"]);
    }

    [Theory]
    [InlineData(401, "UNAUTHORIZED", "SPOTINST_TOKEN")]
    [InlineData(403, "FORBIDDEN", "Organization Admin")]
    public void Auth_failures_are_not_retried_and_say_what_to_do(int status, string code, string advice)
    {
        _stub.On("GET", "/setup/account", status, SpotStub.Error(status, code, "Token is not valid"));
        var result = Run("link", "prepare");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"answered {status} {code}: Token is not valid", result.StdErr, StringComparison.Ordinal);
        Assert.Contains(advice, result.StdErr, StringComparison.Ordinal);
        Assert.Single(_stub.Calls);
        Assert.Equal(string.Empty, result.StdOut);
    }

    [Fact]
    public void A_given_Spot_account_that_Spot_does_not_list_is_refused_by_its_option()
    {
        _stub.On("GET", "/setup/account", 200, SpotStub.Envelope(new JsonObject { ["accountId"] = "act-00000001", ["name"] = "prod" }));
        var result = Run("link", "prepare", "--spot-account", "act-deadbeef");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--spot-account: 'act-deadbeef' is invalid: this Spot account is not an account of this Spot organization.", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(["GET /setup/account"], _stub.Calls);
        Assert.False(File.Exists(StatePath)); // nothing written
    }

    [Fact]
    public void Rate_limits_and_server_errors_are_retried_with_backoff()
    {
        NewAccountSpot();
        _stub.On("GET", "/setup/account", 429, SpotStub.Error(429, "TOO_MANY_REQUESTS", "slow down"), scenario: "busy", next: "busy2", priority: 1);
        _stub.On("GET", "/setup/account", 503, SpotStub.Error(503, "UNAVAILABLE", "try later"), scenario: "busy", state: "busy2", next: "calm", priority: 1);

        var result = Run("link", "prepare");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(3, _stub.Calls.Count(c => c == "GET /setup/account"));
        Assert.Contains("Spot API answered 429; retry 1 of 3", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("Spot API answered 503; retry 2 of 3", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Exhausted_retries_fail_with_exit_3_and_keep_the_state()
    {
        NewAccountSpot();
        Assert.Equal(0, Run("link", "prepare").ExitCode);
        _stub.On("GET", "/setup/credentials/aws", 500, SpotStub.Error(500, "INTERNAL_ERROR", "boom"), priority: 0);

        var result = Run("link", "register", "--role-arn", RoleArn);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(4, _stub.Calls.Count(c => c.StartsWith("GET /setup/credentials/aws", StringComparison.Ordinal)));
        Assert.Contains("answered 500 INTERNAL_ERROR: boom", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("continues from the state file", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(ExternalId, State["externalId"]!.GetValue<string>());
    }

    [Fact]
    public void The_token_comes_only_from_the_environment_or_a_file()
    {
        NewAccountSpot();
        var environment = _stub.Environment;
        environment.Remove("SPOTINST_TOKEN");

        var missing = RunWith(environment, "link", "prepare");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("SPOTINST_TOKEN", missing.StdErr, StringComparison.Ordinal);
        Assert.Empty(_stub.Calls);

        var asArgument = RunWith(environment, "link", "prepare", "--token", "abc");
        Assert.Equal(2, asArgument.ExitCode);

        File.WriteAllText(Path.Combine(_dir.FullName, "token.txt"), SpotStub.Token + "\n");
        var fromFile = RunWith(environment, "link", "prepare", "--token-file", "token.txt");
        Assert.True(fromFile.ExitCode == 0, fromFile.StdErr);
        Assert.Equal($"Bearer {SpotStub.Token}", _stub.Requests[0].RequestMessage!.Headers!["Authorization"].Single());
        File.Delete(Path.Combine(_dir.FullName, "token.txt"));
    }

    [Fact]
    public void AWS_refusing_the_credentials_is_exit_3_with_advice()
    {
        _stub.Sts.Reset();
        _stub.Sts.Given(WireMock.RequestBuilders.Request.Create().UsingPost()).RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(403).WithHeader("Content-Type", "text/xml").WithBody(
            """<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>1</RequestId></ErrorResponse>"""));

        var result = Run("link", "prepare");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("AWS refused: InvalidClientTokenId", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("Check the AWS credentials", result.StdErr, StringComparison.Ordinal);
        Assert.Single(_stub.Sts.LogEntries);
    }

    [Theory]
    [InlineData("--spot-account", "123", "act-")]
    [InlineData("--name", "123456", "at least one letter")]
    public void Bad_prepare_options_are_invalid_input(string option, string value, string rule)
    {
        var result = Run("link", "prepare", option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{option}: '{value}' is invalid", result.StdErr, StringComparison.Ordinal);
        Assert.Contains(rule, result.StdErr, StringComparison.Ordinal);
        Assert.Empty(_stub.Calls);
    }

    [Fact]
    public void Outside_the_aws_partition_deploy_needs_the_Spot_account_to_trust()
    {
        _stub.CallerIs("arn:aws-us-gov:iam::123456789012:user/ci", "123456789012");
        NewAccountSpot();
        Assert.Equal(0, Run("link", "prepare").ExitCode);
        Assert.Equal("aws-us-gov", State["partition"]!.GetValue<string>());

        var missing = Run("link", "deploy");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--principal-account-id: no value is invalid: required in partition 'aws-us-gov'", missing.StdErr, StringComparison.Ordinal);
        Assert.Empty(_deployer.Requests);

        var bad = Run("link", "deploy", "--principal-account-id", "12345");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("exactly 12 digits", bad.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_create_is_never_retried_and_an_account_it_made_is_adopted()
    {
        NewAccountSpot();
        _stub.On("POST", "/setup/account", 502, SpotStub.Error(502, "BAD_GATEWAY", "upstream closed"), priority: 1);
        // Spot committed the account although the answer was lost: the organization now lists it.
        _stub.On("GET", "/setup/account", 200, SpotStub.Envelope(), priority: 15, scenario: "org", next: "created");
        _stub.On("GET", "/setup/account", 200, SpotStub.Envelope(new JsonObject { ["accountId"] = Account, ["name"] = "aws-123456789012", ["providerExternalId"] = null }), priority: 15, scenario: "org", state: "created", next: "created");

        var result = Run("link", "prepare");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(1, _stub.Calls.Count(c => c == "POST /setup/account"));
        Assert.Contains($"account {Account} named 'aws-123456789012' now exists; using it", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(Account, State["spotAccountId"]!.GetValue<string>());
    }

    [Fact]
    public void A_failed_create_that_made_nothing_fails_once_keeps_its_start_on_record_and_the_next_run_looks_before_creating()
    {
        NewAccountSpot();
        _stub.On("POST", "/setup/account", 503, SpotStub.Error(503, "UNAVAILABLE", "try later"), priority: 1, scenario: "down", next: "up");

        var result = Run("link", "prepare");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(1, _stub.Calls.Count(c => c == "POST /setup/account"));
        // The start is on record (before the request left), no Spot account yet: nothing else may use the state.
        Assert.NotNull(State["spotAccountCreateStartedAt"]);
        Assert.Null(State["spotAccountId"]);
        Assert.Equal(2, Run("link", "register").ExitCode);

        // The next run lists first (nothing of that create), then creates once, and records it as created.
        var again = Run("link", "prepare");
        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.Equal(2, _stub.Calls.Count(c => c == "POST /setup/account"));
        Assert.True(State["spotAccountCreated"]!.GetValue<bool>());
        Assert.Null(State["spotAccountCreateStartedAt"]);
    }

    [Fact]
    public async Task Killed_while_its_create_is_in_flight_the_next_prepare_takes_that_account_as_created_and_disconnect_deletes_it()
    {
        var spot = new SpotOrgStub(_stub);
        using var kill = new CancellationTokenSource();
        spot.AfterCreate = async _ => await kill.CancelAsync(); // the create is committed in Spot; its answer is never read

        var killed = await _cli.RunAsync(_stub.Environment, kill.Token, "link", "prepare");

        Assert.NotEqual(0, killed.ExitCode);
        Assert.Equal(1, spot.CreatedNamed("aws-123456789012"));
        Assert.NotNull(State["spotAccountCreateStartedAt"]);
        Assert.Null(State["spotAccountId"]);

        spot.AfterCreate = null;
        var again = Run("link", "prepare");

        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.Equal(1, spot.CreatedNamed("aws-123456789012")); // that one, not a second
        var made = Assert.Single(spot.Accounts);
        Assert.Equal(made.Id, State["spotAccountId"]!.GetValue<string>());
        Assert.True(State["spotAccountCreated"]!.GetValue<bool>());
        Assert.Equal("created", State["spotAccountSource"]!.GetValue<string>());
        Assert.Null(State["spotAccountCreateStartedAt"]);
        Assert.Contains("made " + made.Id, again.StdErr, StringComparison.Ordinal);

        var disconnect = Run("link", "disconnect", "--keep-role", "--delete-spot-account", "--yes");

        Assert.True(disconnect.ExitCode == 0, disconnect.StdErr);
        Assert.Empty(spot.Accounts);
    }

    [Fact]
    public void An_unconnected_account_of_the_name_that_the_state_records_no_create_of_is_never_taken_without_spot_account()
    {
        NewAccountSpot();
        _stub.On("GET", "/setup/account", 200, SpotStub.Envelope(
            new JsonObject { ["accountId"] = "act-00000001", ["name"] = "prod", ["providerExternalId"] = "999999999999" },
            new JsonObject { ["accountId"] = Account, ["name"] = "aws-123456789012" }), priority: 15);

        var result = Run("link", "prepare");

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("POST /setup/account", _stub.Calls);
        Assert.Contains($"an unconnected Spot account named 'aws-123456789012' already exists ({Account})", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"Pass --spot-account {Account} to use it", result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(StatePath));

        // Given, it is used, and recorded as given: never deleted by SpotConnect.
        var given = Run("link", "prepare", "--spot-account", Account);
        Assert.True(given.ExitCode == 0, given.StdErr);
        Assert.False(State["spotAccountCreated"]!.GetValue<bool>());
        Assert.Equal("given", State["spotAccountSource"]!.GetValue<string>());
    }

    [Fact]
    public void A_linked_external_id_is_kept_after_expiry_and_a_rotation_registers_again()
    {
        NewAccountSpot();
        _stub.On("POST", "/setup/credentials/aws/externalId", 200, SpotStub.Envelope(new JsonObject { ["externalId"] = ExternalId, ["maxValidUntil"] = "2020-01-01T00:00:00.000Z" }), param: ("accountId", Account), priority: 1);
        Assert.Equal(0, Run("link").ExitCode);

        // Expired long ago, but the role uses it: a plain re-run must not rotate it.
        Assert.Equal(0, Run("link").ExitCode);
        Assert.Equal(1, _stub.Calls.Count(c => c.StartsWith("POST /setup/credentials/aws/externalId", StringComparison.Ordinal)));

        // An explicit rotation: new id, redeploy, and register again although Spot holds the same ARN.
        var rotated = Run("link", "--new-external-id");
        Assert.True(rotated.ExitCode == 0, rotated.StdErr);
        Assert.Equal(2, _stub.Calls.Count(c => c.StartsWith("POST /setup/credentials/aws/externalId", StringComparison.Ordinal)));
        Assert.Equal(2, _stub.Calls.Count(c => c.StartsWith("POST /setup/credentials/aws?", StringComparison.Ordinal)));
        Assert.False(State["registrationRequired"]!.GetValue<bool>());
    }

    [Fact]
    public void A_Spot_API_that_never_answers_times_out_with_exit_1()
    {
        _cli.HttpTimeout = TimeSpan.FromMilliseconds(200);
        _stub.NeverAnswers("GET", "/setup/account");
        var started = _cli.Clock.GetUtcNow();

        var result = Run("link", "prepare");

        Assert.Equal(1, result.ExitCode);
        // The first attempt and 3 retries, each given up after its 200 ms (on the virtual clock: nothing waited).
        Assert.Equal(4, _stub.Unanswered);
        Assert.True(_cli.Clock.GetUtcNow() - started >= TimeSpan.FromMilliseconds(4 * 200), $"{_cli.Clock.GetUtcNow() - started}");
        Assert.Contains("did not answer in time", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("retry 1 of 3", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_token_is_invalid_input_and_never_echoed()
    {
        var environment = _stub.Environment;
        environment["SPOTINST_TOKEN"] = "abc\ndef-secret";
        var result = RunWith(environment, "link", "prepare");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("SPOTINST_TOKEN: '(hidden)' is invalid", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("def-secret", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(_stub.Calls);
    }

    [Fact]
    public void Deploy_checks_the_AWS_account_and_its_inputs_before_deploying()
    {
        NewAccountSpot();
        Assert.Equal(0, Run("link", "prepare").ExitCode);

        var badName = Run("link", "deploy", "--stack-name", "1-bad");
        Assert.Equal(2, badName.ExitCode);
        Assert.Contains("--stack-name: '1-bad' is invalid", badName.StdErr, StringComparison.Ordinal);

        _stub.CallerIs("arn:aws:iam::999999999999:user/ci", "999999999999");
        var otherAccount = Run("link", "deploy");
        Assert.Equal(2, otherAccount.ExitCode);
        Assert.Contains("credentials are for 999999999999. Nothing was deployed.", otherAccount.StdErr, StringComparison.Ordinal);
        Assert.Empty(_deployer.Requests);
    }

    [Fact]
    public void Register_refuses_a_role_of_another_account()
    {
        NewAccountSpot();
        Assert.Equal(0, Run("link", "prepare").ExitCode);
        var result = Run("link", "register", "--role-arn", "arn:aws:iam::999999999999:role/Spot-Role");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("must be in the AWS account of the state, 123456789012", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_reports_every_bad_option_at_once()
    {
        NewAccountSpot();
        Assert.Equal(0, Run("link", "prepare").ExitCode);

        var result = Run("link", "deploy", "--stack-name", "1bad", "--bundles", "nope", "--max-managed-policies", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.StdOut);
        Assert.Contains("3 invalid inputs", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("--stack-name: '1bad' is invalid", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("--bundles: 'nope' is invalid: unknown bundle id.", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("--max-managed-policies: '0' is invalid", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(_deployer.Requests);
    }

    [Fact]
    public void Deploy_checks_options_against_the_states_partition_with_the_other_problems()
    {
        NewAccountSpot();
        _stub.CallerIs("arn:aws-us-gov:iam::123456789012:user/platform-ci", "123456789012");
        Assert.Equal(0, Run("link", "prepare").ExitCode);

        var result = Run("link", "deploy", "--bundles", "ocean", "--role-name", "a b");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--role-name: 'a b' is invalid", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("--bundles: 'ocean' is invalid: in partition 'aws-us-gov'", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("--principal-account-id: no value is invalid: required in partition 'aws-us-gov'", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(_deployer.Requests);
    }

    [Fact]
    public void Deploy_passes_every_stack_setting_given_as_an_option_on_to_the_app()
    {
        NewAccountSpot();
        Assert.Equal(0, Run("link", "prepare").ExitCode);

        var result = Run("link", "deploy", "--role-name", "Team-Spot", "--policy-name", "Team-Spot-Policy", "--max-managed-policies", "12", "--retain-on-delete", "true", "--stack-name", "TeamSpot");

        Assert.True(result.ExitCode == 0, result.StdErr);
        var deploy = _deployer.Requests.Single();
        Assert.Equal("TeamSpot", deploy.StackName);
        Assert.Equal("Team-Spot", deploy.ContextValue("spot:roleName"));
        Assert.Equal("Team-Spot-Policy", deploy.ContextValue("spot:policyName"));
        Assert.Equal("12", deploy.ContextValue("spot:maxManagedPolicies"));
        Assert.Equal("true", deploy.ContextValue("spot:retainOnDelete"));
        Assert.Equal("TeamSpot", deploy.ContextValue("spot:stackName"));
        Assert.Null(deploy.ContextValue("spot:bundles")); // not given: the app's own default applies
    }

    [Fact]
    public void Deploy_passes_the_least_privilege_options_on_to_the_app_flags_included()
    {
        NewAccountSpot();
        Assert.Equal(0, Run("link", "prepare").ExitCode);

        var result = Run(
            "link", "deploy", "--restrict-to-spot-resources", "--regions", "eu-west-1,eu-central-1", "--tags", "Team=platform,CostCenter=42",
            "--permissions-boundary", "SpotBoundary", "--log-bucket", "my-ocean-logs");

        Assert.True(result.ExitCode == 0, result.StdErr);
        var deploy = _deployer.Requests.Single();
        Assert.Equal("true", deploy.ContextValue("spot:restrictToSpotResources"));
        Assert.Equal("eu-west-1,eu-central-1", deploy.ContextValue("spot:regions"));
        Assert.Equal("Team=platform,CostCenter=42", deploy.ContextValue("spot:tags"));
        Assert.Equal("SpotBoundary", deploy.ContextValue("spot:permissionsBoundary"));
        Assert.Equal("my-ocean-logs", deploy.ContextValue("spot:logBucket"));
        Assert.Null(deploy.ContextValue("spot:kmsKeyArns"));

        var bad = Run("link", "deploy", "--regions", "us-gov-west-1", "--tags", "aws:x=y");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--regions: 'us-gov-west-1' is invalid: 'us-gov-west-1' is not a region of partition 'aws'", bad.StdErr, StringComparison.Ordinal);
        Assert.Contains("--tags: 'aws:x=y' is invalid", bad.StdErr, StringComparison.Ordinal);
        Assert.Single(_deployer.Requests);
    }

    [Fact]
    public void Link_works_against_a_Spot_API_that_offers_only_its_published_OpenAPI()
    {
        // Spot's OpenAPI documents neither GET /setup/account/{id} nor GET /setup/credentials/aws: such a server answers 405.
        NewAccountSpot();
        _stub.On("GET", "/setup/credentials/aws", 405, SpotStub.Error(405, "METHOD_NOT_ALLOWED", "Method not allowed"), priority: 0);
        _stub.On("GET", $"/setup/account/{Account}", 405, SpotStub.Error(405, "METHOD_NOT_ALLOWED", "Method not allowed"), priority: 0);

        var first = Run("link");
        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.Contains("this Spot API offers no read-back", first.StdErr, StringComparison.Ordinal);
        Assert.NotNull(State["linkedAt"]);

        // A re-run from the state, and --spot-account, find the account through the documented list.
        var again = Run("link");
        Assert.True(again.ExitCode == 0, again.StdErr);
        var prepare = Run("link", "prepare", "--spot-account", Account, "--state", "other.json");
        Assert.True(prepare.ExitCode == 0, prepare.StdErr);
        Assert.DoesNotContain(_stub.Calls, c => c.StartsWith($"GET /setup/account/{Account}", StringComparison.Ordinal));
        Assert.Equal(1, _stub.Calls.Count(c => c == "POST /setup/account"));
    }

    [Fact]
    public void Register_retries_refusals_on_Polly_until_the_deadline_and_not_past_it()
    {
        NewAccountSpot();
        Assert.Equal(0, Run("link", "prepare").ExitCode);
        Assert.Equal(0, Run("link", "deploy").ExitCode);
        _stub.On("POST", "/setup/credentials/aws", 422, SpotStub.Error(422, "CANT_VALIDATE_IAM_ROLE", "cannot assume"), param: ("accountId", Account), priority: 1);

        var started = _cli.Clock.GetUtcNow();
        var result = Run("link", "register");

        Assert.Equal(3, result.ExitCode);
        // The 1 s budget on the CLI's clock: used up to the last wait that still fit (at most 80 ms apart), never past it.
        Assert.InRange(_cli.Clock.GetUtcNow() - started, TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(80), TimeSpan.FromSeconds(1));
        var attempts = _stub.Calls.Count(c => c.StartsWith("POST /setup/credentials/aws?", StringComparison.Ordinal));
        Assert.Contains($"gave up after {attempts} attempts", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"attempt {attempts - 1}: CANT_VALIDATE_IAM_ROLE", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain($"attempt {attempts}: ", result.StdErr, StringComparison.Ordinal);
    }
}
