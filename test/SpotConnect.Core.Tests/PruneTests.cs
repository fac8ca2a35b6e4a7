using System.Text.Json.Nodes;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary><c>spot-connect org prune</c> against the stateful Spot organization stub, through the CLI.</summary>
public sealed class PruneTests : IDisposable
{
    private const string Management = SpotStub.AwsAccount;
    private const string Alpha = "111111111111"; // SpotConnect creates its Spot account
    private const string Beta = "222222222222"; // SpotConnect creates its Spot account
    private const string Gamma = "333333333333"; // its Spot account was connected to it before SpotConnect
    private const string Delta = "444444444444"; // given: an unconnected Spot account of its name, taken with --spot-account
    private const string Ou = "ou-ab12-cd34ef56";

    private readonly SpotStub _stub = new();
    private readonly SpotOrgStub _spot;
    private readonly DirectoryInfo _dir = Scratch.Folder("spotconnect-prune-");
    private readonly SpotCliHarness _cli;

    public PruneTests()
    {
        _spot = new SpotOrgStub(_stub);
        _cli = new SpotCliHarness(_stub, _dir, new RecordingDeployer(), propagationTimeout: TimeSpan.FromMilliseconds(300));
        _spot.Seed("legacy-gamma", connectedAwsAccount: Gamma);
        var delta = _spot.Seed("delta");
        WriteAccounts(Everyone("ACTIVE"));
        Assert.Equal(0, Run("org", "prepare", "--accounts", "accounts.json", "--target-ou", Ou, "--spot-account", $"{Delta}={delta.Id}").ExitCode);
        Assert.Equal(0, Run("org", "deploy").ExitCode);
        Assert.All(new[] { Alpha, Beta, Gamma, Delta }, id => Assert.Equal("SpotConnect-1", StateOf(id)["stackSet"]!.GetValue<string>()));
    }

    public void Dispose() => _cli.Dispose();

    private string StatePath => Path.Combine(_dir.FullName, "spot-org.json");

    private JsonObject StateOf(string awsAccountId) => OrgFiles.AccountOf(StatePath, awsAccountId);

    private string SpotIdOf(string awsAccountId) => StateOf(awsAccountId)["spotAccountId"]!.GetValue<string>();

    private static (string Id, string Name, string State)[] Everyone(string otherState) =>
        [(Management, "management", "ACTIVE"), (Alpha, "alpha", otherState), (Beta, "beta", "ACTIVE"), (Gamma, "gamma", otherState), (Delta, "delta", otherState)];

    private void WriteAccounts(params (string Id, string Name, string State)[] accounts) => OrgFiles.WriteAccounts(_dir, Management, accounts);

    private ProcessResult Run(params string[] args) => _cli.Run(_stub.Environment, args);

    private ProcessResult Prune(params string[] more) => Run(["org", "prune", "--accounts", "accounts.json", .. more]);

    private static string Row(ProcessResult result, string awsAccountId) =>
        result.StdOut.Split('\n').Single(l => l.TrimStart().StartsWith(awsAccountId, StringComparison.Ordinal));

    /// <summary>Alpha, Gamma and Delta are suspended (Beta and the management account stay ACTIVE).</summary>
    private void Offboard() => WriteAccounts(Everyone("SUSPENDED"));

    [Fact]
    public void Status_after_a_prune_shows_the_deletions_and_prunes_and_that_a_deploy_is_due_which_says_what_it_removed()
    {
        var registered = Run("org", "register");
        Assert.True(registered.ExitCode == 0, registered.StdErr);
        Assert.EndsWith("Nothing else is due.", registered.StdOut.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(0, Run("org", "status", "--fail-on-pending").ExitCode);
        Assert.Contains("5 registered", Run("org", "status").StdOut, StringComparison.Ordinal);

        Offboard();
        var reported = Run("org", "status", "--fail-on-pending"); // the state does not know yet: prepare reads the file
        Assert.Equal(0, reported.ExitCode);
        Assert.Equal(0, Run("org", "prepare", "--accounts", "accounts.json", "--target-ou", Ou).ExitCode);
        var offboarded = Run("org", "status", "--fail-on-pending");
        Assert.Equal(4, offboarded.ExitCode); // three SUSPENDED accounts keep their role until pruned
        Assert.Contains("Due for 3 account(s): `spot-connect org prune --accounts FILE`: not ACTIVE (SUSPENDED) but still in a StackSet: review, then prune.", offboarded.StdOut, StringComparison.Ordinal);

        var pruned = Prune("--delete-spot-accounts", "--yes");
        Assert.True(pruned.ExitCode == 0, pruned.StdErr);
        Assert.EndsWith("Next: `spot-connect org deploy` (3 account(s): pruned from SpotConnect-1: the deploy removes its stack instance).", pruned.StdOut.TrimEnd(), StringComparison.Ordinal);

        var status = Run("org", "status", "--fail-on-pending");
        Assert.Equal(4, status.ExitCode);
        Assert.Contains($"{SpotIdOf(Alpha)} DELETED", Row(status, Alpha), StringComparison.Ordinal);
        Assert.Contains("pruned (SpotConnect-1)", Row(status, Alpha), StringComparison.Ordinal);
        Assert.Contains("no longer", Row(status, Alpha), StringComparison.Ordinal); // registered once, not any more
        Assert.DoesNotContain("DELETED", Row(status, Gamma), StringComparison.Ordinal); // kept: connected before SpotConnect
        Assert.Contains("2 registered; 3 pruned; 1 Spot account(s) deleted", status.StdOut, StringComparison.Ordinal);
        Assert.EndsWith("Next: `spot-connect org deploy`.", status.StdOut.TrimEnd(), StringComparison.Ordinal);
        var json = JsonNode.Parse(Run("org", "status", "--json").StdOut)!.AsObject();
        var alpha = json["accounts"]!.AsArray().Single(a => a!["awsAccountId"]!.GetValue<string>() == Alpha)!;
        Assert.False(alpha["registered"]!.GetValue<bool>());
        Assert.NotNull(alpha["registeredAt"]); // what was, kept
        Assert.Equal("SpotConnect-1", alpha["deployedStackSet"]!.GetValue<string>());
        Assert.Equal("spot-connect org deploy", alpha["next"]!["command"]!.GetValue<string>());
        Assert.Equal(3, json["due"]!.AsArray().Single()!["accounts"]!.GetValue<int>());

        var deployed = Run("org", "deploy");
        Assert.True(deployed.ExitCode == 0, deployed.StdErr);
        Assert.StartsWith($"Deployed: 1 account(s) in 1 StackSet(s), 0 stack instance(s) added, 3 removed ({Alpha}, {Gamma}, {Delta});", deployed.StdOut.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
        Assert.EndsWith("Nothing else is due.", deployed.StdOut.TrimEnd(), StringComparison.Ordinal);
        var after = Run("org", "status", "--fail-on-pending");
        Assert.Equal(0, after.ExitCode);
        Assert.Contains("pruned (SpotConnect-1)", Row(after, Alpha), StringComparison.Ordinal);
        Assert.Contains("Up to date: 2 account(s) registered with Spot; nothing is due.", after.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dry_run_prints_what_would_happen_and_sends_and_writes_nothing()
    {
        Offboard();
        var before = File.ReadAllText(StatePath);
        var calls = _stub.Calls.Count;

        var result = Run("org", "prune", "--accounts", "accounts.json", "--delete-spot-accounts");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(calls, _stub.Calls.Count); // not even a list
        Assert.Equal(before, File.ReadAllText(StatePath));
        Assert.Contains("take out of SpotConnect-1", Row(result, Alpha), StringComparison.Ordinal);
        Assert.Contains("delete", Row(result, Alpha), StringComparison.Ordinal);
        Assert.Contains(SpotIdOf(Alpha), Row(result, Alpha), StringComparison.Ordinal);
        Assert.Contains("keep", Row(result, Gamma), StringComparison.Ordinal);
        Assert.Contains("already connected", Row(result, Gamma), StringComparison.Ordinal);
        Assert.Contains("keep", Row(result, Delta), StringComparison.Ordinal);
        Assert.Contains("given with --spot-account", Row(result, Delta), StringComparison.Ordinal);
        Assert.DoesNotContain(result.StdOut.Split('\n'), l => l.TrimStart().StartsWith(Beta, StringComparison.Ordinal));
        Assert.Contains("Would take 3 account(s) out of their StackSet and delete 1 Spot account(s) SpotConnect created; 2 Spot account(s) kept. Nothing was changed: run again with --yes to do it.", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void With_nothing_to_prune_yes_says_so_and_changes_nothing()
    {
        WriteAccounts(Everyone("ACTIVE"));
        var before = File.ReadAllText(StatePath);

        var result = Prune("--delete-spot-accounts", "--yes");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.StartsWith("Nothing to prune: every account of spot-org.json is ACTIVE in accounts.json", result.StdOut.Trim(), StringComparison.Ordinal);
        Assert.Contains("Nothing was changed. Next: `spot-connect org register` (5 account(s): deployed, Spot does not have the role yet).", result.StdOut, StringComparison.Ordinal); // what is due instead
        Assert.DoesNotContain("Pruned:", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(StatePath));
        Assert.Equal(0, _spot.AllDeleteRequests);
    }

    [Fact]
    public void A_dry_run_needs_no_token()
    {
        Offboard();
        var environment = _stub.Environment;
        environment.Remove("SPOTINST_TOKEN");

        var result = _cli.Run(environment, "org", "prune", "--accounts", "accounts.json", "--delete-spot-accounts");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(0, _spot.AllDeleteRequests);
    }

    [Fact]
    public void Yes_deletes_exactly_the_Spot_accounts_SpotConnect_created_once_and_keeps_given_ones()
    {
        Offboard();
        var alpha = SpotIdOf(Alpha);
        var gamma = SpotIdOf(Gamma);
        var delta = SpotIdOf(Delta);

        var result = Prune("--delete-spot-accounts", "--yes");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(1, _spot.DeleteRequests(alpha));
        Assert.Equal(1, _spot.AllDeleteRequests);
        Assert.DoesNotContain(_spot.Accounts, a => a.Id == alpha);
        Assert.Contains(_spot.Accounts, a => a.Id == gamma);
        Assert.Contains(_spot.Accounts, a => a.Id == delta);
        Assert.NotNull(StateOf(Alpha)["spotAccountDeletedAt"]);
        Assert.NotNull(StateOf(Alpha)["spotAccountDeleteStartedAt"]);
        Assert.Null(StateOf(Gamma)["spotAccountDeleteStartedAt"]);
        Assert.All(new[] { Alpha, Gamma, Delta }, id =>
        {
            Assert.Null(StateOf(id)["stackSet"]);
            Assert.Equal("SpotConnect-1", StateOf(id)["prunedFromStackSet"]!.GetValue<string>());
            Assert.NotNull(StateOf(id)["prunedAt"]);
            Assert.Equal("SUSPENDED", StateOf(id)["awsState"]!.GetValue<string>());
        });
        Assert.Equal("SpotConnect-1", StateOf(Beta)["stackSet"]!.GetValue<string>());
        Assert.Contains("deleted", Row(result, Alpha), StringComparison.Ordinal);
        Assert.Contains("keep", Row(result, Gamma), StringComparison.Ordinal);
        Assert.Contains("1 Spot account(s) deleted, 0 already gone, 0 failed, 2 kept", result.StdOut, StringComparison.Ordinal);
        var status = JsonNode.Parse(Run("org", "status", "--json").StdOut)!["accounts"]!.AsArray().Single(a => a!["awsAccountId"]!.GetValue<string>() == Alpha)!;
        Assert.NotNull(status["prunedAt"]);
        Assert.NotNull(status["spotAccountDeletedAt"]);

        // Once is once: a second run sends no delete and changes nothing more.
        var again = Prune("--delete-spot-accounts", "--yes");
        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.Equal(1, _spot.AllDeleteRequests);
        Assert.DoesNotContain(again.StdOut.Split('\n'), l => l.TrimStart().StartsWith(Alpha, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_delete_spot_accounts_only_the_state_changes()
    {
        Offboard();
        var calls = _stub.Calls.Count;

        var result = Prune("--yes");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(calls, _stub.Calls.Count);
        Assert.Null(StateOf(Alpha)["stackSet"]);
        Assert.Null(StateOf(Alpha)["spotAccountDeleteStartedAt"]);
        Assert.Contains("kept without --delete-spot-accounts", Row(result, Alpha), StringComparison.Ordinal);
    }

    [Fact]
    public void Accounts_that_left_the_organization_are_pruned_too()
    {
        WriteAccounts((Management, "management", "ACTIVE"), (Beta, "beta", "ACTIVE"), (Gamma, "gamma", "ACTIVE"), (Delta, "delta", "ACTIVE"));

        var result = Prune("--delete-spot-accounts", "--yes");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("left the organization", Row(result, Alpha), StringComparison.Ordinal);
        Assert.False(StateOf(Alpha)["inOrganization"]!.GetValue<bool>());
        Assert.NotNull(StateOf(Alpha)["spotAccountDeletedAt"]);
        Assert.Equal(1, _spot.AllDeleteRequests);
    }

    [Fact]
    public async Task A_crash_between_mark_and_answer_resolves_on_the_next_run_without_a_second_delete()
    {
        Offboard();
        var alpha = SpotIdOf(Alpha);
        using var kill = new CancellationTokenSource();
        _spot.AfterDelete = async id =>
        {
            Assert.NotNull(StateOf(Alpha)["spotAccountDeleteStartedAt"]); // on disk before the delete left
            await kill.CancelAsync(); // the process dies: the delete is committed, its answer never read
        };

        var killed = await _cli.RunAsync(_stub.Environment, kill.Token, "org", "prune", "--accounts", "accounts.json", "--delete-spot-accounts", "--yes");

        Assert.NotEqual(0, killed.ExitCode);
        Assert.NotNull(StateOf(Alpha)["spotAccountDeleteStartedAt"]);
        Assert.Null(StateOf(Alpha)["spotAccountDeletedAt"]);
        Assert.DoesNotContain(_spot.Accounts, a => a.Id == alpha);

        _spot.AfterDelete = null;
        var again = Prune("--delete-spot-accounts", "--yes");

        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.Equal(1, _spot.DeleteRequests(alpha)); // gone from Spot's list: not sent again
        Assert.NotNull(StateOf(Alpha)["spotAccountDeletedAt"]);
        Assert.Contains("gone", Row(again, Alpha), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_marked_delete_Spot_never_received_is_sent_on_the_next_run()
    {
        Offboard();
        var alpha = SpotIdOf(Alpha);
        using var kill = new CancellationTokenSource();
        _spot.OnDeleteArrival = async _ => await kill.CancelAsync(); // dies before Spot handles it
        _spot.FailingDeletes.Add(alpha);

        var killed = await _cli.RunAsync(_stub.Environment, kill.Token, "org", "prune", "--accounts", "accounts.json", "--delete-spot-accounts", "--yes");
        Assert.NotEqual(0, killed.ExitCode);
        Assert.Contains(_spot.Accounts, a => a.Id == alpha);
        Assert.NotNull(StateOf(Alpha)["spotAccountDeleteStartedAt"]);

        _spot.OnDeleteArrival = null;
        _spot.FailingDeletes.Clear();
        var dry = Prune("--delete-spot-accounts");
        Assert.Contains("delete (finish)", Row(dry, Alpha), StringComparison.Ordinal);

        var again = Prune("--delete-spot-accounts", "--yes");
        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.DoesNotContain(_spot.Accounts, a => a.Id == alpha);
        Assert.NotNull(StateOf(Alpha)["spotAccountDeletedAt"]);
    }

    [Fact]
    public void A_lost_delete_answer_is_retried_and_Account_DOESNT_EXIST_counts_as_gone()
    {
        Offboard();
        var alpha = SpotIdOf(Alpha);
        _spot.LostDeleteAnswers.Add(alpha);

        var result = Prune("--delete-spot-accounts", "--yes");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(2, _spot.DeleteRequests(alpha));
        Assert.Contains("Account_DOESNT_EXIST", Row(result, Alpha), StringComparison.Ordinal);
        Assert.NotNull(StateOf(Alpha)["spotAccountDeletedAt"]);
    }

    [Fact]
    public void A_failing_delete_exits_3_keeps_its_mark_and_the_next_run_sends_it_again()
    {
        Offboard();
        var alpha = SpotIdOf(Alpha);
        _spot.FailingDeletes.Add(alpha);

        var failed = Prune("--delete-spot-accounts", "--yes");

        Assert.Equal(3, failed.ExitCode);
        Assert.Contains("FAILED", Row(failed, Alpha), StringComparison.Ordinal);
        Assert.NotNull(StateOf(Alpha)["spotAccountDeleteStartedAt"]);
        Assert.Null(StateOf(Alpha)["spotAccountDeletedAt"]);
        Assert.Contains("unknown outcome", StateOf(Alpha)["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(StateOf(Alpha)["stackSet"]); // the state part is done regardless

        _spot.FailingDeletes.Clear();
        var again = Prune("--delete-spot-accounts", "--yes");
        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.NotNull(StateOf(Alpha)["spotAccountDeletedAt"]);
        Assert.Null(StateOf(Alpha)["lastError"]);
    }

    [Fact]
    public void Deletes_back_off_through_429_storms_with_bounded_concurrency()
    {
        Offboard();
        _spot.RateLimitedAttempts = 2;

        var result = Prune("--delete-spot-accounts", "--yes", "--concurrency", "2");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("answered 429", result.StdErr, StringComparison.Ordinal);
        Assert.NotNull(StateOf(Alpha)["spotAccountDeletedAt"]);
    }

    [Fact]
    public void Prepare_never_recreates_a_pruned_account_unless_it_is_ACTIVE_again_and_deploy_never_reassigns_it()
    {
        Offboard();
        Assert.Equal(0, Prune("--delete-spot-accounts", "--yes").ExitCode);
        var creates = _stub.Calls.Count(c => c == "POST /setup/account");

        var prepared = Run("org", "prepare", "--accounts", "accounts.json", "--target-ou", Ou);
        Assert.True(prepared.ExitCode == 0, prepared.StdErr);
        Assert.Equal(creates, _stub.Calls.Count(c => c == "POST /setup/account"));
        Assert.Equal(0, Run("org", "deploy").ExitCode);
        Assert.Null(StateOf(Alpha)["stackSet"]);
        Assert.Null(StateOf(Gamma)["stackSet"]);

        // ACTIVE again: prepared as a new account (a new Spot account, a new external id), deployed again.
        var oldSpot = SpotIdOf(Alpha);
        WriteAccounts(Everyone("ACTIVE"));
        var back = Run("org", "prepare", "--accounts", "accounts.json", "--target-ou", Ou);
        Assert.True(back.ExitCode == 0, back.StdErr);
        Assert.Equal(creates + 1, _stub.Calls.Count(c => c == "POST /setup/account"));
        Assert.NotEqual(oldSpot, SpotIdOf(Alpha));
        Assert.Null(StateOf(Alpha)["spotAccountDeletedAt"]);
        Assert.True(StateOf(Alpha)["spotAccountCreated"]!.GetValue<bool>());
        Assert.Equal(0, Run("org", "deploy").ExitCode);
        Assert.NotNull(StateOf(Alpha)["stackSet"]);
        Assert.Equal(SpotIdOf(Gamma), _spot.Accounts.Single(a => a.Name == "legacy-gamma").Id); // kept one, used again
    }

    [Fact]
    public void Invalid_input_is_exit_2_before_anything_changes()
    {
        Offboard();
        var before = File.ReadAllText(StatePath);

        Assert.Equal(2, Prune("--concurrency", "0").ExitCode);
        File.WriteAllText(Path.Combine(_dir.FullName, "empty.json"), """{"Accounts":[]}""");
        Assert.Equal(2, Run("org", "prune", "--accounts", "empty.json", "--yes").ExitCode);
        var environment = _stub.Environment;
        environment.Remove("SPOTINST_TOKEN");
        Assert.Equal(2, _cli.Run(environment, "org", "prune", "--accounts", "accounts.json", "--delete-spot-accounts", "--yes").ExitCode);

        Assert.Equal(before, File.ReadAllText(StatePath));
        Assert.Equal(0, _spot.AllDeleteRequests);
    }
}
