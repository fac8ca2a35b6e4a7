using System.Text.Json.Nodes;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary><c>spot-connect policy --compare</c>: the difference, as permissions, with a policy in use today.</summary>
public sealed class CliCompareTests : IDisposable
{
    private readonly DirectoryInfo _dir = Scratch.Folder("spotconnect-compare-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, string content)
    {
        File.WriteAllText(Path.Combine(_dir.FullName, name), content);
        return name;
    }

    private ProcessResult Run(params string[] args) => CliRunner.RunIn(_dir.FullName, args);

    [Fact]
    public void Default_against_Spots_published_policy_is_no_change()
    {
        var file = Write("spot.json", File.ReadAllText(Reference.Path));
        var result = Run("policy", "--compare", file, "--fail-on-change");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.StdErr);
        Assert.Contains("No change", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Summary: 0 added, 0 removed, 0 not compared.", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void A_narrower_selection_lists_what_it_removes_and_fails_on_change_with_4()
    {
        var file = Write("spot.json", File.ReadAllText(Reference.Path));
        var plain = Run("policy", "--bundles", "ocean,ocean.eks", "--compare", file);
        Assert.Equal(0, plain.ExitCode);
        Assert.DoesNotContain("Added by the selection", plain.StdOut, StringComparison.Ordinal);
        Assert.Contains("  - route53:ChangeResourceRecordSets", plain.StdOut, StringComparison.Ordinal);
        Assert.Contains("  - s3:* on arn:aws:s3:::elasticbeanstalk*", plain.StdOut, StringComparison.Ordinal);
        Assert.Contains("  - elasticmapreduce:*", plain.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("  - ec2:RunInstances", plain.StdOut, StringComparison.Ordinal);

        var strict = Run("policy", "--bundles", "ocean,ocean.eks", "--compare", file, "--fail-on-change");
        Assert.Equal(4, strict.ExitCode);
        Assert.Equal(plain.StdOut, strict.StdOut);
    }

    [Fact]
    public void Wildcards_are_resolved_against_each_other()
    {
        // An older, broader style of policy: wildcards where Spot now lists actions.
        var file = Write("old.json", """
            {
              "Version": "2012-10-17",
              "Statement": [
                { "Sid": "Old", "Effect": "Allow", "Action": ["ec2:*", "iam:*", "elasticloadbalancing:*"], "Resource": "*" },
                { "Sid": "Deny", "Effect": "Deny", "Action": "iam:CreateUser", "Resource": "*" }
              ]
            }
            """);
        var result = Run("policy", "--bundles", "elastigroup", "--compare", file, "--json");
        Assert.Equal(0, result.ExitCode);
        var json = JsonNode.Parse(result.StdOut)!;
        var removed = json["removed"]!.AsArray().Select(r => r!["action"]!.GetValue<string>()).ToArray();
        var added = json["added"]!.AsArray().Select(r => r!["action"]!.GetValue<string>()).ToArray();
        Assert.Equal(["ec2:*", "elasticloadbalancing:*", "iam:*"], removed);
        var ec2 = json["removed"]!.AsArray().Single(r => r!["action"]!.GetValue<string>() == "ec2:*")!;
        Assert.Contains("ec2:RunInstances", ec2["partlyKept"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.DoesNotContain(added, a => a.StartsWith("ec2:", StringComparison.Ordinal) || a.StartsWith("iam:", StringComparison.Ordinal));
        Assert.Contains("autoscaling:*", added);
        Assert.Equal(["statement 'Deny': Effect Deny"], json["notCompared"]!.AsArray().Select(n => n!.GetValue<string>()));

        var text = Run("policy", "--bundles", "elastigroup", "--compare", file);
        Assert.Contains("  - ec2:*  (narrowed: the selection still grants", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("  ! statement 'Deny': Effect Deny", text.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Its_own_output_and_IAM_get_policy_version_output_are_understood()
    {
        var own = CliRunner.Run("policy", "--bundles", "storage,ocean.ecs");
        var ownFile = Write("own.json", own.StdOut);
        Assert.Contains("No change", Run("policy", "--bundles", "ocean.ecs,storage", "--compare", ownFile).StdOut, StringComparison.Ordinal);

        var document = JsonNode.Parse(own.StdOut)![0]!["document"]!.ToJsonString();
        var encoded = Write("iam.json", new JsonObject { ["PolicyVersion"] = new JsonObject { ["Document"] = Uri.EscapeDataString(document), ["VersionId"] = "v3" } }.ToJsonString());
        var decoded = Write("cli.json", new JsonObject { ["PolicyVersion"] = new JsonObject { ["Document"] = JsonNode.Parse(document) } }.ToJsonString());
        Assert.Contains("No change", Run("policy", "--bundles", "storage,ocean.ecs", "--compare", encoded).StdOut, StringComparison.Ordinal);
        Assert.Contains("No change", Run("policy", "--bundles", "storage,ocean.ecs", "--compare", decoded).StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Statements_that_cannot_be_compared_are_never_reported_as_no_change()
    {
        var reference = JsonNode.Parse(File.ReadAllText(Reference.Path))!;
        reference["Statement"]!.AsArray().Add(JsonNode.Parse("""{"Sid":"Conditional","Effect":"Allow","Action":"iam:*","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["team"]}}}"""));
        var file = Write("conditional.json", reference.ToJsonString());

        var result = Run("policy", "--compare", file, "--fail-on-change");

        Assert.Equal(4, result.ExitCode);
        Assert.DoesNotContain("the selection grants exactly", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("1 could not be compared", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("  ! statement 'Conditional': Condition operator ForAnyValue:StringEquals", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void AWS_managed_policies_are_listed_not_compared()
    {
        var own = CliRunner.Run("policy", "--bundles", "default,security-audit");
        var file = Write("own.json", own.StdOut);

        var result = Run("policy", "--bundles", "default,security-audit", "--compare", file, "--fail-on-change");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("No change", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Also attached (AWS managed, not compared): arn:aws:iam::aws:policy/SecurityAudit", result.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"PolicyVersion":{"Document":"%7B%22Version%22%3A"}}""", "embedded policy document is not valid JSON")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":["ec2:*",null],"Resource":"*"}]}""", "null")]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""{"hello":"world"}""", "no policy statements found")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":5,"Resource":"*"}]}""", "wrong type")]
    public void A_file_that_is_not_a_policy_is_invalid_input(string content, string expected)
    {
        var file = Write("bad.json", content);
        var result = Run("policy", "--compare", file);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.StdOut);
        Assert.Contains("--compare: 'bad.json' is invalid: not a policy", result.StdErr, StringComparison.Ordinal);
        Assert.Contains(expected, result.StdErr, StringComparison.Ordinal);
    }
}
