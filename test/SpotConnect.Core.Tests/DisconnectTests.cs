using System.Text.Json.Nodes;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary><c>spot-connect link disconnect</c> against the stateful Spot stub, STS, and a recording stand-in for the CDK CLI.</summary>
public sealed class DisconnectTests : IDisposable
{
    private readonly SpotStub _stub = new();
    private readonly SpotOrgStub _spot;
    private readonly DirectoryInfo _dir = Scratch.Folder("spotconnect-disconnect-");
    private readonly RecordingDeployer _deployer = new();
    private readonly SpotCliHarness _cli;

    public DisconnectTests()
    {
        _spot = new SpotOrgStub(_stub);
        _cli = new SpotCliHarness(_stub, _dir, _deployer, propagationTimeout: TimeSpan.FromMilliseconds(300));
    }

    public void Dispose() => _cli.Dispose();

    private string StatePath => Path.Combine(_dir.FullName, "spot-link.json");

    private JsonObject State => JsonNode.Parse(File.ReadAllText(StatePath))!.AsObject();

    private string SpotAccount => State["spotAccountId"]!.GetValue<string>();

    private ProcessResult Run(params string[] args) => _cli.Run(_stub.Environment, args);

    private void Connect(params string[] prepare)
    {
        var prepared = Run(["link", "prepare", .. prepare]);
        Assert.True(prepared.ExitCode == 0, prepared.StdErr);
        var deployed = Run("link", "deploy", "--stack-name", "SpotProd");
        Assert.True(deployed.ExitCode == 0, deployed.StdErr);
    }

    [Fact]
    public void Without_yes_it_prints_what_it_would_do_and_changes_nothing()
    {
        Connect();
        var before = File.ReadAllText(StatePath);
        var calls = _stub.Calls.Count;

        var result = Run("link", "disconnect", "--delete-spot-account");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("Would destroy the stack SpotProd (role arn:aws:iam::123456789012:role/Spot-Role and its policies) in AWS account 123456789012 with the pinned CDK CLI", result.StdOut, StringComparison.Ordinal);
        Assert.Contains($"Would delete the Spot account {SpotAccount} (created by SpotConnect)", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed: run again with --yes to do it.", result.StdOut, StringComparison.Ordinal);
        Assert.Empty(_deployer.Destroys);
        Assert.Equal(calls, _stub.Calls.Count);
        Assert.Equal(0, _spot.AllDeleteRequests);
        Assert.Equal(before, File.ReadAllText(StatePath));
    }

    [Fact]
    public void Yes_destroys_the_stack_with_its_deploy_context_and_deletes_the_created_Spot_account_once()
    {
        Connect();
        var spotAccount = SpotAccount;

        var result = Run("link", "disconnect", "--delete-spot-account", "--yes");

        Assert.True(result.ExitCode == 0, result.StdErr);
        var destroy = Assert.Single(_deployer.Destroys);
        Assert.Equal("SpotProd", destroy.StackName);
        Assert.Equal("SpotProd", destroy.ContextValue("spot:stackName"));
        Assert.Equal(State["externalId"]!.GetValue<string>(), destroy.ContextValue("spot:externalId"));
        Assert.Equal("aws", destroy.ContextValue("spot:partition"));
        Assert.Equal(1, _spot.DeleteRequests(spotAccount));
        Assert.DoesNotContain(_spot.Accounts, a => a.Id == spotAccount);
        Assert.NotNull(State["stackDestroyedAt"]);
        Assert.NotNull(State["spotAccountDeleteStartedAt"]);
        Assert.NotNull(State["spotAccountDeletedAt"]);
        Assert.Contains("Destroyed the stack SpotProd.", result.StdOut, StringComparison.Ordinal);
        Assert.Contains($"Deleted the Spot account {spotAccount}.", result.StdOut, StringComparison.Ordinal);

        var again = Run("link", "disconnect", "--delete-spot-account", "--yes");
        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.Single(_deployer.Destroys);
        Assert.Equal(1, _spot.AllDeleteRequests);

        // The stack is gone: a plan is a first deploy again, not "no change".
        var plan = Run("link", "plan");
        Assert.True(plan.ExitCode == 0, plan.StdErr);
        Assert.Contains("first deploy", plan.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("No change", plan.StdOut, StringComparison.Ordinal);

        // Register has nothing to register with: it says what comes first, before any call to Spot.
        var calls = _stub.Calls.Count;
        var register = Run("link", "register");
        Assert.Equal(2, register.ExitCode);
        Assert.Contains($"the Spot account {spotAccount} was deleted", register.StdErr, StringComparison.Ordinal);
        Assert.Contains("spot-connect link prepare", register.StdErr, StringComparison.Ordinal);
        Assert.Equal(calls, _stub.Calls.Count);
    }

    [Fact]
    public void Destroy_synthesizes_with_the_trusted_Spot_account_the_deploy_recorded()
    {
        // Outside 'aws' the app cannot synthesize the stack (to destroy it) without the Spot account the role trusts.
        Assert.Equal(0, Run("link", "prepare").ExitCode);
        var deployed = Run("link", "deploy", "--stack-name", "SpotProd", "--principal-account-id", "210987654321");
        Assert.True(deployed.ExitCode == 0, deployed.StdErr);

        var result = Run("link", "disconnect", "--yes");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal("210987654321", Assert.Single(_deployer.Destroys).ContextValue("spot:principalAccountId"));
    }

    [Fact]
    public void Keep_role_leaves_the_stack_and_without_delete_spot_account_Spot_is_left_alone()
    {
        Connect();
        var calls = _stub.Calls.Count;

        var kept = Run("link", "disconnect", "--keep-role", "--yes");

        Assert.True(kept.ExitCode == 0, kept.StdErr);
        Assert.Empty(_deployer.Destroys);
        Assert.Equal(calls, _stub.Calls.Count);
        Assert.Contains("keep the stack SpotProd", kept.StdOut, StringComparison.Ordinal);

        var deleted = Run("link", "disconnect", "--keep-role", "--delete-spot-account", "--yes");
        Assert.True(deleted.ExitCode == 0, deleted.StdErr);
        Assert.Empty(_deployer.Destroys);
        Assert.Equal(1, _spot.AllDeleteRequests);
    }

    [Fact]
    public void An_already_connected_Spot_account_is_kept_and_says_why()
    {
        var connected = _spot.Seed("prod", connectedAwsAccount: SpotStub.AwsAccount);
        Connect();
        Assert.Equal("connected", State["spotAccountSource"]!.GetValue<string>());

        var dry = Run("link", "disconnect", "--delete-spot-account");
        Assert.Contains($"Would keep the Spot account {connected.Id}: not created by SpotConnect: it was already connected to this AWS account", dry.StdOut, StringComparison.Ordinal);

        var result = Run("link", "disconnect", "--delete-spot-account", "--yes");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Single(_deployer.Destroys);
        Assert.Equal(0, _spot.AllDeleteRequests);
        Assert.Contains(_spot.Accounts, a => a.Id == connected.Id);
        Assert.Null(State["spotAccountDeleteStartedAt"]);
    }

    [Fact]
    public void A_given_Spot_account_is_kept()
    {
        var given = _spot.Seed("shared");
        Connect("--spot-account", given.Id);
        Assert.Equal("given", State["spotAccountSource"]!.GetValue<string>());

        var result = Run("link", "disconnect", "--delete-spot-account", "--yes");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(0, _spot.AllDeleteRequests);
        Assert.Contains("given with --spot-account", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void An_old_state_without_spotAccountCreated_never_has_its_Spot_account_deleted()
    {
        var old = _spot.Seed("legacy");
        File.WriteAllText(StatePath, $$"""
            { "version": 1, "awsAccountId": "123456789012", "partition": "aws", "spotAccountId": "{{old.Id}}", "externalId": "ext-1",
              "stackName": "SpotLinkStack", "roleArn": "arn:aws:iam::123456789012:role/Spot-Role" }
            """);

        var result = Run("link", "disconnect", "--delete-spot-account", "--yes");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal("SpotLinkStack", Assert.Single(_deployer.Destroys).StackName);
        Assert.Equal(0, _spot.AllDeleteRequests);
        Assert.Contains("not created by SpotConnect", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crash_between_mark_and_answer_resolves_on_the_next_run()
    {
        Connect();
        var spotAccount = SpotAccount;
        using var kill = new CancellationTokenSource();
        _spot.AfterDelete = async _ =>
        {
            Assert.NotNull(State["spotAccountDeleteStartedAt"]);
            await kill.CancelAsync();
        };

        var killed = await _cli.RunAsync(_stub.Environment, kill.Token, "link", "disconnect", "--delete-spot-account", "--yes");

        Assert.NotEqual(0, killed.ExitCode);
        Assert.Null(State["spotAccountDeletedAt"]);
        _spot.AfterDelete = null;

        var dry = Run("link", "disconnect", "--delete-spot-account");
        Assert.Contains("finishing a delete started", dry.StdOut, StringComparison.Ordinal);
        var again = Run("link", "disconnect", "--delete-spot-account", "--yes");

        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.Equal(1, _spot.DeleteRequests(spotAccount));
        Assert.NotNull(State["spotAccountDeletedAt"]);
        Assert.Single(_deployer.Destroys); // destroyed by the first run, not again
    }

    [Fact]
    public void A_failed_delete_exits_3_and_keeps_its_mark()
    {
        Connect();
        _spot.FailingDeletes.Add(SpotAccount);

        var result = Run("link", "disconnect", "--delete-spot-account", "--yes");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("unknown outcome", result.StdErr, StringComparison.Ordinal);
        Assert.NotNull(State["spotAccountDeleteStartedAt"]);
        Assert.Null(State["spotAccountDeletedAt"]);
        Assert.NotNull(State["stackDestroyedAt"]);
    }

    [Fact]
    public void Credentials_for_another_account_destroy_nothing()
    {
        Connect();
        _stub.CallerIs("arn:aws:iam::999999999999:user/other", "999999999999");

        var result = Run("link", "disconnect", "--delete-spot-account", "--yes");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(_deployer.Destroys);
        Assert.Equal(0, _spot.AllDeleteRequests);
        Assert.Contains("Nothing was destroyed", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_destroy_deletes_no_Spot_account()
    {
        Connect();
        _deployer.FailuresLeft = 1;

        var result = Run("link", "disconnect", "--delete-spot-account", "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(0, _spot.AllDeleteRequests);
        Assert.Null(State["stackDestroyedAt"]);
    }

    [Fact]
    public async Task The_real_deployer_runs_the_pinned_cdk_destroy_of_the_project()
    {
        Connect();
        var project = ConnectionProjectFiles.Write(Directory.CreateDirectory(Path.Combine(_dir.FullName, "project")));
        var cdk = Path.Combine(Directory.CreateDirectory(Path.Combine(project.FullName, "node_modules", ".bin")).FullName, "cdk");
        File.WriteAllText(cdk, "#!/bin/sh\nprintf '%s\\n' \"$@\" > args.txt\necho \"SpotProd: destroyed\"\n");
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(cdk, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = _stub.Environment;
        var services = new SpotConnect.Cli.CliServices { Environment = k => environment.GetValueOrDefault(k) };

        var code = await SpotConnect.Cli.CliApp.RunAsync(["link", "disconnect", "--project", "project", "--state", "spot-link.json", "--yes"], stdout, stderr, _dir.FullName, services, CancellationToken.None);

        Assert.True(code == 0, stderr.ToString());
        var args = File.ReadAllLines(Path.Combine(project.FullName, "args.txt"));
        Assert.Equal(["destroy", "--force", "SpotProd"], args.Take(3));
        Assert.Contains("spot:stackName=SpotProd", args);
        Assert.Contains("cdk: SpotProd: destroyed", stderr.ToString(), StringComparison.Ordinal);
        Assert.NotNull(State["stackDestroyedAt"]);
    }

    [Fact]
    public void No_state_is_invalid_input()
    {
        Assert.Equal(2, Run("link", "disconnect", "--yes").ExitCode);
    }

    [Fact]
    public void After_the_Spot_account_was_deleted_prepare_and_deploy_connect_anew()
    {
        Connect();
        var old = SpotAccount;
        Assert.Equal(0, Run("link", "disconnect", "--delete-spot-account", "--yes").ExitCode);

        Connect();

        Assert.NotEqual(old, SpotAccount);
        Assert.Equal("created", State["spotAccountSource"]!.GetValue<string>());
        Assert.Null(State["spotAccountDeletedAt"]);
        Assert.Null(State["stackDestroyedAt"]);
    }
}
