using SpotConnect.Cli;
using System.Text.Json.Nodes;
using SpotConnect.Catalog;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

public sealed class CliTests
{
    [Theory]
    [InlineData("org", "status", "--token", "tok-9f8e7d6c5b4a")]
    [InlineData("link", "prepare", "--token=tok-9f8e7d6c5b4a")]
    [InlineData("org", "register", "--spot-api-key", "tok-9f8e7d6c5b4a")]
    [InlineData("policy", "--bundles", "tok-9f8e7d6c5b4a")]
    public void A_token_given_as_an_argument_is_never_echoed_back(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var services = new CliServices { Environment = k => k == "SPOTINST_TOKEN" ? "tok-9f8e7d6c5b4a" : null };

        var code = CliApp.Run(args, stdout, stderr, Directory.GetCurrentDirectory(), services);

        Assert.Equal(2, code);
        Assert.DoesNotContain("tok-9f8e7d6c5b4a", stdout.ToString() + stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bundles_prints_a_table_of_the_catalog()
    {
        var result = CliRunner.Run("bundles");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.StdErr);
        foreach (var header in new[] { "id", "product", "title", "statements", "actions", "characters" })
        {
            Assert.Contains(header, result.StdOut, StringComparison.Ordinal);
        }

        var lines = result.StdOut.Split('\n');
        foreach (var bundle in BundleCatalog.Spot.Bundles)
        {
            var line = Assert.Single(lines, l => l.TrimStart().StartsWith(bundle.Id + " ", StringComparison.Ordinal));
            Assert.Contains(bundle.Title, line, StringComparison.Ordinal);
            Assert.Contains(PolicyBuilder.Spot.SizeOf(bundle).ToString("N0", System.Globalization.CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Bundles_json_lists_every_bundle_with_its_statements_and_sizes()
    {
        var bundles = CliRunner.Json(CliRunner.Run("bundles", "--json"));
        Assert.Equal(BundleCatalog.Spot.Ids, bundles.Select(b => b!["id"]!.GetValue<string>()));
        var beanstalk = bundles.Single(b => b!["id"]!.GetValue<string>() == "elastigroup.beanstalk")!;
        Assert.Equal(["ElastigroupBeanstalk", "AccesS3forElasticBeanstalk"], beanstalk["statements"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["elastigroup"], beanstalk["requires"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(PolicyBuilder.Spot.SizeOf(BundleCatalog.Spot["elastigroup.beanstalk"]), beanstalk["characters"]!.GetValue<int>());
        var audit = bundles.Single(b => b!["id"]!.GetValue<string>() == "security-audit")!;
        Assert.True(audit["optIn"]!.GetValue<bool>());
        Assert.Equal("SecurityAudit", audit["awsManagedPolicies"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Policy_defaults_to_Spots_default_policy_with_commercial_ARNs()
    {
        var policies = CliRunner.Json(CliRunner.Run("policy"));
        var policy = Assert.Single(policies)!;
        Assert.Equal("Spot-Policy", policy["name"]!.GetValue<string>());
        var statements = policy["document"]!["Statement"]!.AsArray().Select(s => s!).ToArray();
        Grants.AssertEquivalent(Reference.GrantsOf(Reference.ContractBundles.Keys), Grants.Of(statements));
        Assert.Contains("arn:aws:s3:::elasticbeanstalk*", policies.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "policy", "--bundles", "ocean,eks" }, "--bundles", "'eks'", "ocean.eks")]
    [InlineData(new[] { "policy", "--bundles", "" }, "--bundles", "at least one bundle id", "default")]
    [InlineData(new[] { "policy", "--partition", "aws-eu" }, "--partition", "'aws-eu'", "aws-us-gov")]
    [InlineData(new[] { "policy", "--policy-name", "Spot Policy" }, "--policy-name", "'Spot Policy'", "letters, digits and _+=,.@-")]
    [InlineData(new[] { "policy", "--max-managed-policies", "0" }, "--max-managed-policies", "'0'", "1 to 20")]
    [InlineData(new[] { "policy", "--max-managed-policies", "many" }, "--max-managed-policies", "'many'", "whole number")]
    [InlineData(new[] { "policy", "--partition", "aws-cn", "--bundles", "ocean" }, "--bundles", "'ocean'", "Valid choices: default")]
    [InlineData(new[] { "policy", "--compare", "no-such-file.json" }, "--compare", "'no-such-file.json'", "no such file")]
    [InlineData(new[] { "policy", "--fail-on-change" }, "--fail-on-change", "only applies together with --compare", null)]
    [InlineData(new[] { "policy", "--bundles" }, "--bundles", "Required argument missing", "Run 'spot-connect policy --help' for usage.")]
    [InlineData(new[] { "polcy" }, "polcy", "Unrecognized command or argument", "Run 'spot-connect --help' for usage.")]
    [InlineData(new[] { "bundles", "--jsn" }, "--jsn", "Unrecognized command or argument", "Run 'spot-connect bundles --help' for usage.")]
    [InlineData(new[] { "org", "prepare", "--bogus" }, "--bogus", "Unrecognized command or argument", "Run 'spot-connect org prepare --help' for usage.")]
    [InlineData(new[] { "link", "deploy", "--org-region", "eu-west-1" }, "--org-region", "Unrecognized command or argument", "Run 'spot-connect link deploy --help' for usage.")]
    public void Invalid_input_exits_2_with_nothing_on_stdout_and_the_option_value_and_choices_on_stderr(string[] args, string option, string value, string? choicesOrHelp)
    {
        var result = CliRunner.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.StdOut);
        Assert.Contains(option, result.StdErr, StringComparison.Ordinal);
        Assert.Contains(value, result.StdErr, StringComparison.Ordinal);
        if (choicesOrHelp is not null)
        {
            Assert.Contains(choicesOrHelp, result.StdErr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Several_bad_options_are_reported_together()
    {
        var result = CliRunner.Run("policy", "--bundles", "nope", "--partition", "mars", "--max-managed-policies", "99");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("3 invalid inputs", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--help")]
    [InlineData("policy --help")]
    [InlineData("bundles -h")]
    public void Help_describes_commands_and_options(string commandLine)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var result = CliRunner.Run(args);
        var expectedCode = args.Length == 0 ? 2 : 0;
        Assert.Equal(expectedCode, result.ExitCode);
        var text = result.StdOut + result.StdErr;
        Assert.Contains(args.Length == 0 ? "Required command was not provided" : "Usage:", text, StringComparison.Ordinal);
        if (args is ["policy", ..])
        {
            foreach (var option in new[] { "--bundles", "--partition", "--policy-name", "--compare", "--fail-on-change" })
            {
                Assert.Contains(option, result.StdOut, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Version_prints_the_version()
    {
        var result = CliRunner.Run("--version");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.StdOut.Trim());
    }
}
