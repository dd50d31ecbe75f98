import Testing

@testable import ColliderCore

extension MetricsTests {
    /// Golden quantiles from `scipy.stats.t.ppf(p, df)` (scripts/golden/metrics.py).
    struct StudentTTests {
        struct Quantile: Sendable, CustomTestStringConvertible {
            let p: Double
            let degreesOfFreedom: Double
            let t: Double

            init(_ p: Double, _ degreesOfFreedom: Double, _ t: Double) {
                (self.p, self.degreesOfFreedom, self.t) = (p, degreesOfFreedom, t)
            }

            var testDescription: String { "p=\(p) df=\(degreesOfFreedom)" }
        }

        static let quantiles: [Quantile] = [
            Quantile(0.975, 1.0, 12.706204736174694),
            Quantile(0.975, 2.0, 4.302652729749462),
            Quantile(0.975, 3.0, 3.1824463052837078),
            Quantile(0.975, 4.0, 2.7764451051977934),
            Quantile(0.975, 5.0, 2.5705818356363146),
            Quantile(0.975, 6.0, 2.4469118511449786),
            Quantile(0.975, 7.0, 2.364624251592784),
            Quantile(0.975, 8.0, 2.306004135204166),
            Quantile(0.975, 9.0, 2.262157162798205),
            Quantile(0.975, 10.0, 2.228138851986274),
            Quantile(0.975, 11.0, 2.200985160091639),
            Quantile(0.975, 12.0, 2.1788128296672284),
            Quantile(0.975, 13.0, 2.1603686564627913),
            Quantile(0.975, 14.0, 2.144786687917804),
            Quantile(0.975, 15.0, 2.131449545559776),
            Quantile(0.975, 16.0, 2.1199052992212546),
            Quantile(0.975, 17.0, 2.1098155778333156),
            Quantile(0.975, 18.0, 2.1009220402410382),
            Quantile(0.975, 19.0, 2.0930240544083087),
            Quantile(0.975, 20.0, 2.085963447265864),
            Quantile(0.975, 21.0, 2.0796138447276795),
            Quantile(0.975, 22.0, 2.0738730679040254),
            Quantile(0.975, 23.0, 2.0686576104190486),
            Quantile(0.975, 24.0, 2.0638985616280245),
            Quantile(0.975, 25.0, 2.0595385527532972),
            Quantile(0.975, 26.0, 2.0555294386428735),
            Quantile(0.975, 27.0, 2.0518305164802846),
            Quantile(0.975, 28.0, 2.0484071417952454),
            Quantile(0.975, 29.0, 2.045229642132703),
            Quantile(0.975, 30.0, 2.0422724563012378),
            Quantile(0.975, 40.0, 2.021075390306273),
            Quantile(0.975, 60.0, 2.0002978220142604),
            Quantile(0.975, 120.0, 1.9799304050824402),
            Quantile(0.975, 1000.0, 1.9623390808264083),
            Quantile(0.6, 1.0, 0.32491969623290634),
            Quantile(0.6, 2.0, 0.2886751345948128),
            Quantile(0.6, 3.0, 0.2766706623326898),
            Quantile(0.6, 7.0, 0.2631668613520229),
            Quantile(0.6, 25.0, 0.2560596848271514),
            Quantile(0.6, 200.0, 0.25368437919014747),
            Quantile(0.9, 1.0, 3.0776835371752544),
            Quantile(0.9, 2.0, 1.8856180831641272),
            Quantile(0.9, 3.0, 1.637744353696209),
            Quantile(0.9, 7.0, 1.4149239276505086),
            Quantile(0.9, 25.0, 1.31634507267387),
            Quantile(0.9, 200.0, 1.2857987939948012),
            Quantile(0.995, 1.0, 63.656741162871526),
            Quantile(0.995, 2.0, 9.924843200918287),
            Quantile(0.995, 3.0, 5.840909309733355),
            Quantile(0.995, 7.0, 3.4994832973504924),
            Quantile(0.995, 25.0, 2.78743581367697),
            Quantile(0.995, 200.0, 2.600634436191558),
            Quantile(0.999999, 1.0, 318309.88617359026),
            Quantile(0.999999, 2.0, 707.1057205157672),
            Quantile(0.999999, 3.0, 103.29946777942898),
            Quantile(0.999999, 7.0, 14.241469651921154),
            Quantile(0.999999, 25.0, 6.1458649844189965),
            Quantile(0.999999, 200.0, 4.897302102820449),
            Quantile(0.025, 1.0, -12.706204736174705),
            Quantile(0.025, 2.0, -4.302652729749464),
            Quantile(0.025, 3.0, -3.1824463052837086),
            Quantile(0.025, 7.0, -2.3646242515927844),
            Quantile(0.025, 25.0, -2.059538552753297),
            Quantile(0.025, 200.0, -1.9718962236339093),
            Quantile(0.1, 1.0, -3.0776835371752536),
            Quantile(0.1, 2.0, -1.8856180831641267),
            Quantile(0.1, 3.0, -1.6377443536962089),
            Quantile(0.1, 7.0, -1.4149239276505083),
            Quantile(0.1, 25.0, -1.3163450726738697),
            Quantile(0.1, 200.0, -1.285798793994801),
            Quantile(0.975, 2.5, 3.5746548420036817),
            Quantile(0.975, 0.5, 164.55767348048818),
        ]

        @Test(arguments: quantiles)
        func matchesScipy(golden: Quantile) {
            let t = StudentT.quantile(golden.p, degreesOfFreedom: golden.degreesOfFreedom)
            #expect(isClose(t, golden.t))
        }

        @Test func medianIsZero() {
            #expect(StudentT.quantile(0.5, degreesOfFreedom: 3) == 0)
        }
    }
}
