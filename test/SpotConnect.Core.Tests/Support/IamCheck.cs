using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace SpotConnect.Tests.Support;

/// <summary>
/// Runs tools/iam-check/iam-check.mjs (Node, with the npm packages `npm test` installs): one Node process per test
/// run (<c>--serve</c>), started on first use, so AWS's action data is loaded and wildcards are expanded once for
/// every check of the run. Inputs are answered in the order they were sent; <see cref="Start"/> lets a caller go on
/// (synthesizing the next template) while Node checks the last one.
/// </summary>
internal static class IamCheck
{
    private static readonly Lazy<Server> Shared = new(() => new Server());

    public static JsonObject Run(JsonObject input) => Wait(Start(input));

    /// <summary>Sends <paramref name="input"/> to the checker; the task completes with its report.</summary>
    public static Task<JsonObject> Start(JsonObject input) => Shared.Value.Send(input);

    public static JsonObject Wait(Task<JsonObject> report)
    {
        if (!report.Wait(TimeSpan.FromSeconds(300)))
        {
            throw new TimeoutException("iam-check did not answer in 300 s");
        }

        return report.Result;
    }

    private sealed class Server
    {
        private readonly object _gate = new();
        private readonly Queue<TaskCompletionSource<JsonObject>> _pending = new();
        private readonly StringBuilder _stderr = new();
        private readonly Process _process;
        private bool _ended;

        public Server()
        {
            var script = Path.Combine(Repo.Root, "tools", "iam-check", "iam-check.mjs");
            var modules = Path.Combine(Repo.Root, "node_modules", "@cloud-copilot", "iam-simulate");
            if (!Directory.Exists(modules))
            {
                throw new InvalidOperationException("The npm test tools are not installed. Run the tests with `npm test` (it runs `npm ci` first), or run `npm ci` once.");
            }

            var info = new ProcessStartInfo("node")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Repo.Root,
                StandardInputEncoding = new UTF8Encoding(false),
                StandardOutputEncoding = Encoding.UTF8,
            };
            info.ArgumentList.Add(script);
            info.ArgumentList.Add("--serve");
            _process = Process.Start(info)!;
            _process.StandardInput.AutoFlush = true;
            _process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (_stderr)
                    {
                        _stderr.AppendLine(e.Data);
                    }
                }
            };
            _process.BeginErrorReadLine();
            new Thread(Read) { IsBackground = true, Name = "iam-check" }.Start();

            // End of the run: Node sees its input end and exits (as it does when this process is ended instead).
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    _process.StandardInput.Close();
                    _process.WaitForExit(5000);
                }
                catch (InvalidOperationException)
                {
                }
                catch (IOException)
                {
                }
            };
        }

        public Task<JsonObject> Send(JsonObject input)
        {
            var report = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                if (_ended)
                {
                    report.SetException(Failure());
                    return report.Task;
                }

                _pending.Enqueue(report);
                _process.StandardInput.WriteLine(input.ToJsonString());
            }

            return report.Task;
        }

        private static JsonObject? Report(string line)
        {
            try
            {
                return JsonNode.Parse(line) as JsonObject;
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }

        private void Read()
        {
            while (_process.StandardOutput.ReadLine() is { } line)
            {
                // A report is one JSON object on one line; anything else (a warning Node or a library printed) answers
                // no input: kept with stderr for the message of a failure, and the next report still goes to its input.
                if (Report(line) is not { } report)
                {
                    lock (_stderr)
                    {
                        _stderr.AppendLine("unexpected output: " + line);
                    }

                    continue;
                }

                TaskCompletionSource<JsonObject>? next;
                lock (_gate)
                {
                    if (!_pending.TryDequeue(out next))
                    {
                        lock (_stderr)
                        {
                            _stderr.AppendLine("report with no input waiting: " + line);
                        }

                        continue;
                    }
                }

                next.SetResult(report);
            }

            _process.WaitForExit();
            lock (_gate)
            {
                _ended = true;
                while (_pending.TryDequeue(out var waiting))
                {
                    waiting.SetException(Failure());
                }
            }
        }

        private InvalidOperationException Failure()
        {
            lock (_stderr)
            {
                return new InvalidOperationException($"iam-check failed (exit code {(_process.HasExited ? _process.ExitCode : -1)}): {_stderr}");
            }
        }
    }
}
