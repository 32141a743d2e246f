using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;

namespace LoopbackAnalyzers.Benchmarks.Shared.Corpus
{
    /// <summary>
    /// Generates a deterministic C# project: the same options give the same files, byte for byte.
    /// Mostly ordinary application code in modules (entity, service, tests, helpers), a few percent networking
    /// code, and the plumbing they share. The project compiles without errors against the running
    /// Microsoft.NETCore.App (plus Microsoft.AspNetCore.App for the Kestrel parts).
    /// </summary>
    public static class CorpusGenerator
    {
        private static readonly string[] Areas =
        {
            "Billing", "Catalog", "Inventory", "Shipping", "Customers", "Reporting",
            "Scheduling", "Notifications", "Identity", "Analytics", "Documents", "Pricing",
        };

        private static readonly string[] Nouns =
        {
            "Invoice", "Payment", "Product", "Category", "Warehouse", "Shipment", "Parcel", "Customer",
            "Contact", "Report", "Dashboard", "Appointment", "Shift", "Message", "Template", "Account",
            "Role", "Metric", "Segment", "Document", "Attachment", "PriceList", "Discount", "Order",
            "Voucher", "Supplier", "Carrier", "Route", "Ticket", "Campaign", "Subscription", "Budget",
        };

        public static GeneratedCorpus Generate(CorpusOptions options)
        {
            var random = new Prng(options.Seed);
            var files = ImmutableArray.CreateBuilder<CorpusFile>();
            files.AddRange(SupportFiles(options.IncludeNetworking));
            var networkingKinds = NetworkingCode.Kinds(options.IncludeAspNetCore);
            var total = Sum(files);
            var networking = 0;
            var module = 0;
            var networkFile = 0;
            while (total < options.TargetLines)
            {
                if (options.IncludeNetworking && networking < options.NetworkingShare * (total + 200))
                {
                    var kind = networkingKinds[random.Next(networkingKinds.Count)];
                    var area = random.Pick(Areas);
                    var name = random.Pick(Nouns) + "N" + (++networkFile).ToString(CultureInfo.InvariantCulture);
                    var file = NetworkingCode.Write(kind, $"src/{area}/Net/{name}{kind}.cs", area, name, random.Fork(name));
                    files.Add(file);
                    networking += file.Lines;
                    total += file.Lines;
                    continue;
                }

                module++;
                var moduleArea = Areas[module % Areas.Length];
                var entity = random.Pick(Nouns) + module.ToString(CultureInfo.InvariantCulture);
                var moduleRandom = random.Fork(entity);
                var moduleFiles = new List<CorpusFile>
                {
                    OrdinaryCode.Entity($"src/{moduleArea}/{entity}.cs", moduleArea, entity, moduleRandom),
                    OrdinaryCode.Service($"src/{moduleArea}/{entity}Service.cs", moduleArea, entity, moduleRandom),
                };
                if (moduleRandom.Chance(0.7))
                {
                    moduleFiles.Add(OrdinaryCode.Tests($"tests/{moduleArea}/{entity}Tests.cs", moduleArea, entity, moduleRandom));
                }

                if (moduleRandom.Chance(0.35))
                {
                    var helpers = moduleArea + "Helpers" + module.ToString(CultureInfo.InvariantCulture);
                    moduleFiles.Add(OrdinaryCode.Utilities($"src/{moduleArea}/{helpers}.cs", moduleArea, helpers, moduleRandom));
                }

                files.AddRange(moduleFiles);
                total += Sum(moduleFiles);
            }

            return new GeneratedCorpus(options, files.ToImmutable());
        }

        /// <summary>
        /// The document of the IDE scenario: about 300 lines in one file, an entity and its service (ordinary code),
        /// an API client and a test class that starts servers (two of its tests are reported).
        /// </summary>
        public static CorpusFile TypicalDocument(ulong seed = 7)
        {
            var random = new Prng(seed);
            var w = new CodeWriter("src/Ide/OrderWorkflow.cs");
            w.Line("namespace Corpus.Ide;");
            w.Line();
            w.Line("using System.Net;");
            w.Line("using System.Net.Sockets;");
            w.Line("using Corpus.Common;");
            w.Line("using Xunit;");
            w.Line();
            OrdinaryCode.EntityTypes(w, "Ide", "WorkflowOrder", random, minSnippets: 2, maxSnippets: 2);
            w.Line();
            OrdinaryCode.ServiceType(w, "Ide", "WorkflowOrder", random, minSnippets: 3, maxSnippets: 3);
            w.Line();
            NetworkingCode.DocumentMembers(w, "WorkflowOrder", random);
            return w.ToFile(CorpusFileKind.Document);
        }

        private static int Sum(IEnumerable<CorpusFile> files)
        {
            var sum = 0;
            foreach (var file in files)
            {
                sum += file.Lines;
            }

            return sum;
        }

        private static IEnumerable<CorpusFile> SupportFiles(bool networking)
        {
            var usings = new CodeWriter("GlobalUsings.cs");
            usings.Block("""
                // What the SDK's implicit usings add to a console or library project.
                global using System;
                global using System.Collections.Generic;
                global using System.IO;
                global using System.Linq;
                global using System.Threading;
                global using System.Threading.Tasks;
                """);
            if (networking)
            {
                usings.Line("global using System.Net.Http;");
            }

            yield return usings.ToFile(CorpusFileKind.Support);

            var common = new CodeWriter("src/Common/Support.cs");
            common.Block("""
                namespace Corpus.Common;

                public interface ILog
                {
                    void Info(string message);

                    void Warn(string message);

                    void Error(string message, Exception? error = null);
                }

                public sealed class ConsoleLog : ILog
                {
                    private readonly TextWriter _writer;

                    public ConsoleLog(TextWriter? writer = null) => _writer = writer ?? TextWriter.Null;

                    public void Info(string message) => Write("info", message);

                    public void Warn(string message) => Write("warn", message);

                    public void Error(string message, Exception? error = null) => Write("fail", error is null ? message : $"{message}: {error.Message}");

                    private void Write(string level, string message) => _writer.WriteLine($"{DateTimeOffset.UtcNow:O} {level}: {message}");
                }

                public interface IClock
                {
                    DateTimeOffset UtcNow { get; }
                }

                public sealed class SystemClock : IClock
                {
                    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
                }

                public static class Guard
                {
                    public static string NotEmpty(string? value, string name) =>
                        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{name} must not be empty.", name) : value;
                }
                """);
            yield return common.ToFile(CorpusFileKind.Support);

            // The test attributes, declared in the project (as a test-framework stub would be): the analyzer
            // recognises them by name, and no test-framework assembly is referenced.
            var xunit = new CodeWriter("tests/Xunit.cs");
            xunit.Block("""
                namespace Xunit;

                [AttributeUsage(AttributeTargets.Method)]
                public class FactAttribute : Attribute
                {
                    public string? Skip { get; set; }
                }

                [AttributeUsage(AttributeTargets.Method)]
                public sealed class TheoryAttribute : FactAttribute
                {
                }

                [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
                public sealed class InlineDataAttribute : Attribute
                {
                    public InlineDataAttribute(params object?[] data) => Data = data;

                    public object?[] Data { get; }
                }

                public static class Assert
                {
                    public static void Equal<T>(T expected, T actual)
                    {
                        if (!EqualityComparer<T>.Default.Equals(expected, actual))
                        {
                            throw new InvalidOperationException($"Expected {expected}, got {actual}.");
                        }
                    }

                    public static void True(bool condition)
                    {
                        if (!condition)
                        {
                            throw new InvalidOperationException("Expected true.");
                        }
                    }

                    public static void False(bool condition) => True(!condition);

                    public static void NotNull(object? value) => True(value is not null);

                    public static void Contains(string expected, string actual) => True(actual.Contains(expected, StringComparison.Ordinal));
                }
                """);
            yield return xunit.ToFile(CorpusFileKind.Support);
        }
    }
}
